"""Deployment steps run without a shell but with caller input."""
import subprocess
import subprocess as sp
from subprocess import check_output


def pull(repo):
    return subprocess.run(["/usr/bin/git", "-C", repo, "pull"], check=True)


def version(binary):
    return check_output([binary, "--version"])


def deploy(args):
    return sp.Popen(
        args,
        stdout=sp.PIPE,
    )
