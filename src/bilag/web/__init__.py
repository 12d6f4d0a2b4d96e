"""Server-rendered pages: login, consent, the debugger, and later the books and the portal."""
