/* Wine-only (tests' prefix, never the installer): numpy >= 2.4 calls crealf() at import, and
   Wine 10's ucrtbase has it as an unimplemented stub ("Call from ... to unimplemented function
   ucrtbase.dll.crealf, aborting"). This DLL takes the place of api-ms-win-crt-math-l1-1-0.dll:
   every export is forwarded to ucrtbase (crt_math_shim.def) except the complex-part accessors,
   implemented here as the C standard defines them. Windows 10+ has them all. */
typedef struct { float _Val[2]; } _Fcomplex;
typedef struct { double _Val[2]; } _Dcomplex;
typedef struct { long double _Val[2]; } _Lcomplex;

__declspec(dllexport) float crealf(_Fcomplex z) { return z._Val[0]; }
__declspec(dllexport) float cimagf(_Fcomplex z) { return z._Val[1]; }
__declspec(dllexport) double creal(_Dcomplex z) { return z._Val[0]; }
__declspec(dllexport) double cimag(_Dcomplex z) { return z._Val[1]; }
__declspec(dllexport) long double creall(_Lcomplex z) { return z._Val[0]; }
__declspec(dllexport) long double cimagl(_Lcomplex z) { return z._Val[1]; }
