from tilmash.cli import main

main()
