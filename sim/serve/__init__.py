"""The what-if web page (`sim serve`): a thin FastAPI app over the library (see sim.serve.app)."""
