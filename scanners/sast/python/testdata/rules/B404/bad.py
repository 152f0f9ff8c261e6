"""Runs the deployment script."""
import subprocess
import subprocess as sp
from subprocess import run

shell = __import__("subprocess")
