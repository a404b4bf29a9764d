"""Driving a real JupyterLab (or classic Notebook) in headless Chromium: the servers, the
page, the steps a student takes with a widget, and the table of what each notebook does.
Used by the browser suite (tests/browser/) and by `make bench`."""
