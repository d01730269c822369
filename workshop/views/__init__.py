"""HTTP views: thin blueprints that parse, call a service and render."""
