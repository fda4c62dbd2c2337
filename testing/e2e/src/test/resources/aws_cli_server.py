"""The AWS CLI's own driver (awscli.clidriver), run for many commands in one Python process: a script sourcing
aws_in_one_process.sh sends each `aws ...` command here instead of starting a new interpreter, which spends about a
second of CPU importing botocore and awscli before every call. Each command gets a new driver, so a new botocore
session that reads the configuration and credentials files again, with the calling shell's AWS_* variables.

Protocol, one command per connection on 127.0.0.1: the client sends NUL-terminated fields (the stdout file, the stderr
file, the number of AWS_* variables, each as NAME=VALUE, the number of arguments, each argument) and reads back the
exit code as one line."""
import io
import os
import socket
import sys

from awscli.clidriver import create_clidriver


def fields(connection):
    buffered = b""
    while True:
        while b"\0" in buffered:
            field, buffered = buffered.split(b"\0", 1)
            yield field.decode("utf-8", "surrogateescape")
        chunk = connection.recv(65536)
        if not chunk:
            return
        buffered += chunk


def run(connection):
    received = fields(connection)
    out_path, err_path = next(received), next(received)
    if any(os.path.dirname(os.path.abspath(p)) != OWN_DIRECTORY for p in (out_path, err_path)):
        connection.sendall(b"255\n")  # output goes only into the script's own private directory
        return
    environment = [next(received) for _ in range(int(next(received)))]
    arguments = [next(received) for _ in range(int(next(received)))]
    for name in [n for n in os.environ if n.startswith("AWS_") and n != "AWS_DATA_PATH"]:
        del os.environ[name]
    for pair in environment:
        name, _, value = pair.partition("=")
        if name != "AWS_DATA_PATH":  # awscli's import set it to its own data; the caller's would hide that
            os.environ[name] = value
    saved = sys.stdout, sys.stderr
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
        try:
            code = create_clidriver().main(arguments)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except Exception as e:  # the CLI's own crash is the command's failure, never the server's
            print("aws_cli_server: %r" % (e,), file=sys.stderr)
            code = 255
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            sys.stdout, sys.stderr = saved
    connection.sendall(b"%d\n" % (code if code is not None else 0))


OWN_DIRECTORY = os.path.dirname(os.path.abspath(sys.argv[1]))


def main():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    with open(sys.argv[1] + ".part", "w") as port_file:
        port_file.write(str(listener.getsockname()[1]))
    os.rename(sys.argv[1] + ".part", sys.argv[1])
    while True:
        connection, _ = listener.accept()
        with connection:
            run(connection)


main()
