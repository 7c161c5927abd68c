from kerasgan.cli import console_main

console_main()
