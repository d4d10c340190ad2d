"""Court documents per case: uploads checked by content, stored under generated names, served as attachments."""
