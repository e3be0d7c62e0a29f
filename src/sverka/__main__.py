from sverka.cli.main import main

main()
