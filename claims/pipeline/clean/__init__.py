"""Clean: markup removed, page furniture (menus, share buttons, footers) dropped, the title, outlet
and publication date read from the page's head, and whitespace laid out one way."""
