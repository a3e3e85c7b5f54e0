from kagaz.cli import app

app()
