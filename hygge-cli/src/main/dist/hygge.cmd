@echo off
rem hygge launcher for Windows: runs the hygge CLI with the JVM flags Apache Arrow needs.
setlocal
set "HYGGE_HOME=%~dp0"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" @ARROW_JVM_FLAGS@ -Xms64m -Xmx512m -XX:+UseSerialGC %HYGGE_JAVA_OPTS% -cp "%HYGGE_HOME%lib\*" dev.hygge.cli.HyggeCli %*
exit /b %ERRORLEVEL%
