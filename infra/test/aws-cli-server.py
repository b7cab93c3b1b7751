"""The AWS CLI as a loopback server, for infra/test/run.sh.

run.sh makes some 270 AWS CLI calls; each `aws` process spends about a second of CPU importing botocore before it
sends one request, and that CPU is most of what the checks cost on a 2-core machine. This server imports the CLI
once and runs every call through one CLI driver (the CLI's own code, so output and exit codes are the CLI's): a call
then costs about 20 ms. Calls run one at a time; every call names its endpoint and output format, so nothing that
one call sets on the driver's session carries over to the next.

Protocol, one call per connection: the client sends the number of arguments on a line, then each argument followed
by a NUL; the server answers with the exit code on the first line, then the CLI's standard output. Standard error goes to this
server's own standard error.

Usage: python3 aws-cli-server.py PORT_FILE   (binds 127.0.0.1 on a free port and writes the port to PORT_FILE)
"""
import io
import os
import socketserver
import sys

from awscli.clidriver import create_clidriver


DRIVER = create_clidriver()


class CliCall(socketserver.StreamRequestHandler):
    def handle(self):
        args = self.read_args()
        out = io.StringIO()
        real_stdout = sys.stdout
        sys.stdout = out
        try:
            rc = DRIVER.main(args)
        except SystemExit as e:  # argparse errors exit
            rc = e.code if isinstance(e.code, int) else 2
        finally:
            sys.stdout = real_stdout
        self.wfile.write(f"{rc}\n".encode() + out.getvalue().encode())

    def read_args(self):
        count = int(self.rfile.readline())
        args = []
        for _ in range(count):
            arg = bytearray()
            while (b := self.rfile.read(1)) != b"\0":
                if not b:
                    raise ConnectionError("the client closed the connection in the middle of its arguments")
                arg += b
            args.append(arg.decode())
        return args


class Server(socketserver.TCPServer):
    allow_reuse_address = True
    request_queue_size = 64  # four stacks check at once


def main():
    with Server(("127.0.0.1", 0), CliCall) as server:
        with open(sys.argv[1] + ".tmp", "w") as f:
            f.write(str(server.server_address[1]))
        os.replace(sys.argv[1] + ".tmp", sys.argv[1])
        server.serve_forever()


if __name__ == "__main__":
    main()
