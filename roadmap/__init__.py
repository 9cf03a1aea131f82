"""The road map as data: loading, validation and export, shared by the hooks and the CLI."""
