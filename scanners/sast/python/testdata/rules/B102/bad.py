"""Loads user-supplied strategy code at runtime."""
import builtins


def load_strategy(source, namespace):
    exec(source, namespace)
    return namespace["Strategy"]


def apply_patch(patch_text):
    scope = {}
    exec(
        compile(patch_text, "<patch>", "exec"),
        scope,
    )
    return scope


def run_hook(hook):
    return exec(f"on_tick_{hook}()", globals())


class Sandbox:
    def run(self, code):
        exec(code)
        builtins.print("done")
