"""Parses indicator parameters without eval."""
import ast


def parse_limits(text):
    return ast.literal_eval(text)


def inference(model, batch):
    model.eval()
    return model(batch)


def frame_math(df):
    return df.eval("spread = ask - bid")
