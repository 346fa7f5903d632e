/* Wine-only (tests' prefix, never the installer): Qt6Core from PySide6 >= 6.9 imports 20 ucnv_*
   functions from icuuc.dll, which Windows 10 (1903+) has and Wine does not. With every function
   failing (no converter opens), Qt falls back to its own codecs. */
#include <stddef.h>
typedef void *UConverter;
#define STUB(name) __declspec(dllexport) void *name() { return NULL; }
__declspec(dllexport) UConverter *ucnv_open(const char *n, int *err) { if (err) *err = 2; return NULL; }
__declspec(dllexport) int ucnv_countAvailable(void) { return 0; }
__declspec(dllexport) signed char ucnv_getMaxCharSize(const UConverter *c) { return 4; }
STUB(ucnv_close) STUB(UCNV_FROM_U_CALLBACK_SUBSTITUTE) STUB(UCNV_TO_U_CALLBACK_SUBSTITUTE)
STUB(ucnv_reset) STUB(ucnv_getName) STUB(ucnv_getToUCallBack) STUB(ucnv_getFromUCallBack)
STUB(ucnv_setToUCallBack) STUB(ucnv_setFromUCallBack) STUB(ucnv_cbToUWriteUChars)
STUB(ucnv_toUnicode) STUB(ucnv_cbFromUWriteUChars) STUB(ucnv_toUCountPending)
STUB(ucnv_fromUCountPending) STUB(ucnv_getStandardName) STUB(ucnv_getAvailableName)
STUB(ucnv_fromUnicode)
