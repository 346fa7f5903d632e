; Ember's Windows installer (NSIS 3, Unicode). Per user: no administrator rights, installs into
; %LOCALAPPDATA%\Programs\Ember, Start menu and desktop shortcuts, an uninstaller registered in
; Settings > Apps (HKCU). The user's data (%LOCALAPPDATA%\Ember) is never touched.
;
;   makensis -DVERSION=0.1.0 -DPAYLOAD=dist/pyinstaller/ember -DOUTFILE=dist/Ember-0.1.0-setup.exe \
;            -DREQUIRE_CUDA installers/windows/ember.nsi
;
; PAYLOAD is PyInstaller's one-folder build (installers/pyinstaller/ember.spec): ember.exe (console:
; the CLI and `ember --self-test`), emberw.exe (no console: what the shortcuts start) and
; _internal\ with Python, Qt, llama.cpp and the embedded model. With REQUIRE_CUDA the script
; refuses a payload without the CUDA runtime and VC++ OpenMP runtime beside llama.dll.
; Paths given on the command line may use / or \ (makensis accepts both, on Windows and Linux).

Unicode true
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "../../dist/pyinstaller/ember"
!endif
!ifndef OUTFILE
  !define OUTFILE "../../dist/Ember-${VERSION}-setup.exe"
!endif
!ifndef ICON
  !define ICON "../../resources/ember.ico"
!endif
!ifndef NOTICES
  !define NOTICES "../NOTICES.txt"
!endif

!define APP "Ember"
!define PUBLISHER "Ember developers"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Ember"

; ---------------------------------------------------------------- the payload must be complete
!macro REQUIRE path what
  !if ! /FileExists "${PAYLOAD}/${path}"
    !error "The payload ${PAYLOAD} has no ${path} (${what}). Build it with PyInstaller first (installers/README.md)."
  !endif
!macroend
!insertmacro REQUIRE "ember.exe" "the console executable"
!insertmacro REQUIRE "emberw.exe" "the windowed executable"
; llama.cpp built by MSVC (the GitHub workflow) or by mingw-w64 (build-on-linux.sh), whose files
; are named lib*.dll and whose runtime is libstdc++/libgomp instead of msvcp140/vcomp140
!macro REQUIRE_ONE a b what
  !if ! /FileExists "${PAYLOAD}/${a}"
    !if ! /FileExists "${PAYLOAD}/${b}"
      !error "The payload ${PAYLOAD} has neither ${a} nor ${b} (${what}). Build it with PyInstaller first (installers/README.md)."
    !endif
  !endif
!macroend
!insertmacro REQUIRE_ONE "_internal/llama_cpp/lib/llama.dll" "_internal/llama_cpp/lib/libllama.dll" "llama.cpp"
!insertmacro REQUIRE_ONE "_internal/llama_cpp/lib/ggml.dll" "_internal/llama_cpp/lib/libggml.dll" "ggml"
!insertmacro REQUIRE_ONE "_internal/llama_cpp/lib/vcomp140.dll" "_internal/llama_cpp/lib/libgomp-1.dll" "the OpenMP runtime beside llama.dll"
!insertmacro REQUIRE_ONE "_internal/llama_cpp/lib/msvcp140.dll" "_internal/llama_cpp/lib/libstdc++-6.dll" "the C++ runtime beside llama.dll"
!ifdef REQUIRE_CUDA
  !insertmacro REQUIRE "_internal/llama_cpp/lib/ggml-cuda.dll" "llama.cpp's CUDA backend"
  !insertmacro REQUIRE "_internal/llama_cpp/lib/cudart64_*.dll" "the CUDA runtime"
  !insertmacro REQUIRE "_internal/llama_cpp/lib/cublas64_*.dll" "cuBLAS"
  !insertmacro REQUIRE "_internal/llama_cpp/lib/cublasLt64_*.dll" "cuBLASLt"
!endif

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${APP}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "MIT (Ember); see the notices"

; ---------------------------------------------------------------------------------- pages
!include "MUI2.nsh"
!include "FileFunc.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP} ${VERSION}, a private, offline coding assistant, for you only (no administrator rights needed).$\r$\n$\r$\nWith an NVIDIA GPU (e.g. RTX 3060 or 4090) and a current driver, Ember runs its models on the GPU; otherwise on the CPU.$\r$\n$\r$\nYour conversations and models stay on this computer."
!define MUI_FINISHPAGE_RUN "$INSTDIR\emberw.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${NOTICES}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP} will be removed from $INSTDIR. Your conversations, settings and downloaded models (in $LOCALAPPDATA\Ember and your Hugging Face cache) are kept."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "English"

; -------------------------------------------------------------------------------- install
Function .onInit
  SetShellVarContext current
FunctionEnd

Section "Ember" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; an upgrade replaces the program folder wholesale (no stale DLLs from the last version)
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}/*"
  File "/oname=$INSTDIR\NOTICES.txt" "${NOTICES}"

  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortcut "$SMPROGRAMS\${APP}\${APP}.lnk" "$INSTDIR\emberw.exe" "" "$INSTDIR\emberw.exe" 0
  CreateShortcut "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP}.lnk" "$INSTDIR\emberw.exe" "" "$INSTDIR\emberw.exe" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\emberw.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ; so that `ember` typed in the Run box (Win+R) starts the window
  WriteRegStr HKCU "Software\Microsoft\Windows\CurrentVersion\App Paths\ember.exe" "" "$INSTDIR\emberw.exe"
SectionEnd

Section "-size"
  ; Settings > Apps shows this (KB); measured after the files are in place
  Push $0
  Push $1
  Push $2
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"
  Pop $2
  Pop $1
  Pop $0
SectionEnd

; ------------------------------------------------------------------------------ uninstall
Section "Uninstall"
  SetShellVarContext current
  Delete "$DESKTOP\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\${APP}.lnk"
  Delete "$SMPROGRAMS\${APP}\Uninstall ${APP}.lnk"
  RMDir "$SMPROGRAMS\${APP}"

  ; only what the installer put there: never a recursive delete of $INSTDIR itself, which the
  ; user may have pointed at a folder holding other files
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\ember.exe"
  Delete "$INSTDIR\emberw.exe"
  Delete "$INSTDIR\NOTICES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\Microsoft\Windows\CurrentVersion\App Paths\ember.exe"
  ; $LOCALAPPDATA\Ember (conversations, settings, models) is deliberately left alone
SectionEnd
