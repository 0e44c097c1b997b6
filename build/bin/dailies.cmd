@echo off
rem The `dailies` command line of the installed desktop app (see README: The desktop app).
rem RunAsNode is off in the app, so the CLI runs on the systems Node 24 or newer.
where node >nul 2>nul || (echo dailies: the command line needs Node.js 24 or newer on PATH. 1>&2 & exit /b 127)
node "%~dp0..\app.asar.unpacked\out\cli\dailies.mjs" %*
