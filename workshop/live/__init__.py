"""Live updates: room names, the one module that emits, and the socket handlers."""
