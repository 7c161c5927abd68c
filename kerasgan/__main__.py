from kerasgan.cli import main

main()
