"""The sidebar's chat list, grouped by date: Pinned, Today, Yesterday, Previous 7 days,
Previous 30 days, then months (conversations.date_group).

A group's header is drawn above its first chat by the delegate, not added as a row of its
own: the list's rows stay exactly the chats (row 0 is the first chat, a deleted chat is one
row less), and the headers cannot be selected or focused.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QStyledItemDelegate

from .i18n import tr

GROUP_ROLE = Qt.UserRole + 10      # the group's name on the first chat of each group


def group_label(group: str) -> str:
    """A date group (conversations.date_group: English) as the window's language says it."""
    months = (tr("January"), tr("February"), tr("March"), tr("April"), tr("May"), tr("June"),
              tr("July"), tr("August"), tr("September"), tr("October"), tr("November"),
              tr("December"))
    english = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
    fixed = {"Pinned": tr("Pinned"), "Older": tr("Older"), "Today": tr("Today"),
             "Yesterday": tr("Yesterday"), "Previous 7 days": tr("Previous 7 days"),
             "Previous 30 days": tr("Previous 30 days")}
    if group in fixed:
        return fixed[group]
    month, _, year = group.partition(" ")
    if month in english:
        name = months[english.index(month)]
        return tr("{month} {year}").format(month=name, year=year) if year else name
    return group


class GroupedDelegate(QStyledItemDelegate):
    def _header_height(self, option) -> int:
        return int(option.fontMetrics.height() * 2.0)

    def sizeHint(self, option, index):  # noqa: N802
        s = super().sizeHint(option, index)
        if index.data(GROUP_ROLE):
            s = QSize(s.width(), s.height() + self._header_height(option))
        return s

    def paint(self, painter, option, index):  # noqa: D102
        group = index.data(GROUP_ROLE)
        if not group:
            super().paint(painter, option, index)
            return
        h = self._header_height(option)
        head = QRect(option.rect.left() + 8, option.rect.top(), option.rect.width() - 16, h)
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.82))
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.PlaceholderText))
        painter.drawText(head, Qt.AlignLeft | Qt.AlignBottom, group)
        painter.restore()
        rest = type(option)(option)
        rest.rect = QRect(option.rect.left(), option.rect.top() + h, option.rect.width(),
                          option.rect.height() - h)
        super().paint(painter, rest, index)
