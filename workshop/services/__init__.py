"""Write side: each use case is one function and one commit."""
