"""stratus's Python runtime: the Lambda Runtime API client loop (standard library only).

Imports `module.function` from _HANDLER once (the init phase), then fetches events
and posts each result, the way AWS's Python runtime does: the context object's
attributes, bytes returned as they are, anything else as JSON, and errors as
{"errorMessage", "errorType", "requestId", "stackTrace"} with the runtime's own
frames left out of the stack trace.

It speaks the HTTP Runtime API at AWS_LAMBDA_RUNTIME_API, as AWS's runtime does.
"""

import decimal
import importlib
import json
import logging
import os
import re
import resource
import socket
import sys
import time
import traceback
from urllib.parse import quote

TASK_ROOT = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())


class FaultException(Exception):
    """A failure of the runtime rather than of the handler (it carries an AWS error type)."""

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


class RuntimeClient:
    """The Runtime API over one keep-alive HTTP/1.1 connection to AWS_LAMBDA_RUNTIME_API.

    http.client parses every response's headers with the email package, which costs
    more than a whole invocation here; the API's responses are small and always carry
    a Content-Length, so they are read straight off the socket. A result is posted
    together with the next `invocation/next` (HTTP/1.1 pipelining): one write and one
    wait per invocation, and the 202 comes back ahead of the next event.
    """

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.address = (host or "127.0.0.1", int(port))
        self.host_header = address.encode("latin-1")
        self.socket = None
        self.received = b""
        # Requests written whose responses have not been read yet, and those not yet sent.
        self.unanswered = 0
        self.outgoing = []

    def connect(self):
        self.socket = socket.create_connection(self.address)
        # Sockets are not inherited by what the handler starts (PEP 446): only this process speaks the protocol.
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def queue(self, method, path, body=b"", headers=b""):
        self.outgoing.append(
            b"%s %s HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n%s\r\n%s"
            % (method, path, self.host_header, len(body), headers, body)
        )

    def exchange(self):
        """Sends what is queued and returns the last request's status, headers and body."""
        if self.socket is None:
            self.connect()
        requests = len(self.outgoing)
        self.socket.sendall(b"".join(self.outgoing))
        self.outgoing = []
        self.unanswered += requests
        while True:
            response = self.read_response()
            self.unanswered -= 1
            if self.unanswered == 0:
                return response

    def read_response(self):
        data = self.received
        end = data.find(b"\r\n\r\n")
        while end < 0:
            data += self.receive()
            end = data.find(b"\r\n\r\n")
        lines = data[:end].split(b"\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower()] = value.strip()
        start = end + 4
        stop = start + int(headers.get(b"content-length", b"0"))
        if len(data) < stop:
            chunks = [data]
            have = len(data)
            while have < stop:
                chunk = self.receive(max(65536, min(stop - have, 1 << 20)))
                chunks.append(chunk)
                have += len(chunk)
            data = b"".join(chunks)
        self.received = data[stop:]
        return int(lines[0].split(b" ", 2)[1]), headers, data[start:stop]

    def receive(self, size=65536):
        # Below malloc's mmap threshold: a small read costs no mmap/munmap of its buffer.
        chunk = self.socket.recv(size)
        if not chunk:
            # stratus closed the API: the environment is being shut down.
            sys.exit(0)
        return chunk

    def next(self):
        self.queue(b"GET", NEXT_PATH)
        status, headers, body = self.exchange()
        if status != 200:
            raise FaultException("Runtime.Unknown", "invocation/next answered %d: %s" % (status, body.decode("utf-8", "replace")))
        client_context = headers.get(b"lambda-runtime-client-context")
        return Invocation(
            headers[b"lambda-runtime-aws-request-id"].decode("utf-8"),
            int(headers.get(b"lambda-runtime-deadline-ms") or 0),
            headers.get(b"lambda-runtime-invoked-function-arn", b"").decode("utf-8"),
            headers.get(b"lambda-runtime-trace-id", b"").decode("utf-8"),
            client_context.decode("utf-8") if client_context else None,
            headers.get(b"content-type", b"application/json").decode("latin-1"),
            body,
        )

    def post_response(self, request_id, payload, content_type):
        self.queue(
            b"POST",
            b"/2018-06-01/runtime/invocation/%s/response" % path_segment(request_id),
            payload,
            b"Content-Type: %s\r\n%s: %d\r\n" % (content_type.encode("latin-1"), MEMORY_HEADER, peak_memory_kb()),
        )

    def post_error(self, request_id, error):
        self.queue(
            b"POST",
            b"/2018-06-01/runtime/invocation/%s/error" % path_segment(request_id),
            to_json(error).encode("utf-8"),
            error_headers(error) + b"%s: %d\r\n" % (MEMORY_HEADER, peak_memory_kb()),
        )

    def post_init_error(self, error):
        self.queue(b"POST", b"/2018-06-01/runtime/init/error", to_json(error).encode("utf-8"), error_headers(error))
        self.exchange()


def error_headers(error):
    return b"Content-Type: application/json\r\nLambda-Runtime-Function-Error-Type: %s\r\n" % error["errorType"].encode("latin-1", "replace")


NEXT_PATH = b"/2018-06-01/runtime/invocation/next"
# Not part of the Runtime API: the runtime's peak resident memory (getrusage, KB),
# which spares stratus reading /proc after every invocation. Other runtimes leave it out.
MEMORY_HEADER = b"Stratus-Max-Memory-Kb"


SAFE_REQUEST_ID = re.compile(r"[0-9A-Za-z-]+").fullmatch


def path_segment(request_id):
    # stratus's request ids are UUIDs: quoting is for anything else a server may send.
    return (request_id if SAFE_REQUEST_ID(request_id) else quote(request_id, safe="")).encode("ascii")


_getrusage = resource.getrusage
_RUSAGE_SELF = resource.RUSAGE_SELF


def peak_memory_kb():
    return _getrusage(_RUSAGE_SELF).ru_maxrss


def runtime_client():
    return RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])


def decimal_serializer(value):
    if isinstance(value, decimal.Decimal):
        return float(value) if value % 1 else int(value)
    raise TypeError("Object of type %s is not JSON serializable" % type(value).__name__)


# What json.dumps(value, default=decimal_serializer) does, without building its C
# encoder again on every call (most of the cost for a small result).
_c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
_ENCODER = json.JSONEncoder(default=decimal_serializer)
_encode = None


def to_json(value):
    global _encode
    if _c_make_encoder is None or isinstance(value, str):
        return _ENCODER.encode(value)
    if _encode is None:
        _encode = _c_make_encoder(
            {}, decimal_serializer, json.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True
        )
    try:
        return "".join(_encode(value, 0))
    except BaseException:
        # Its circular-reference markers may still hold this call's containers.
        _encode = None
        raise


_scan_once = json.decoder.JSONDecoder().scan_once


def from_json(text):
    """json.loads(text), taking the scanner straight for a document without surrounding whitespace."""
    if text and text[0] not in " \t\n\r":
        try:
            value, end = _scan_once(text, 0)
        except StopIteration:
            pass
        else:
            if end == len(text):
                return value
    return json.loads(text)


def marshal_response(response):
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json(response).encode("utf-8"), "application/json"
    except Exception as error:
        raise FaultException("Runtime.MarshalError", "Unable to marshal response: %s" % error)


def make_error(message, error_type, stack_trace, request_id=None):
    return {"errorMessage": message, "errorType": error_type, "requestId": request_id or "", "stackTrace": stack_trace or []}


def log_error(error):
    """AWS prints the failure to the log as `[ERROR] Type: message` and the traceback."""
    description = "[ERROR]"
    if error.get("errorType"):
        description += " " + error["errorType"]
    if error.get("errorMessage"):
        if error.get("errorType"):
            description += ":"
        description += " " + error["errorMessage"]
    lines = [description]
    stack = error.get("stackTrace")
    if stack is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack:
            lines.extend(element.splitlines() if element else [""])
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()


def user_frames(tb):
    frames = traceback.extract_tb(tb)
    for index, frame in enumerate(frames):
        if not frame.filename.endswith("/bootstrap.py"):
            return traceback.format_list([as_on_lambda(f) for f in frames[index:]])
    return []


def as_on_lambda(frame):
    # Lambda unpacks the code at /var/task: traces read the same here as there.
    filename = frame.filename
    root = TASK_ROOT.rstrip("/") + "/"
    if filename.startswith(root):
        filename = "/var/task/" + filename[len(root):]
    return traceback.FrameSummary(filename, frame.lineno, frame.name, line=frame.line)


def fault_handler(fault):
    def handler(event, context):
        raise fault

    return handler


def load_handler(handler_string):
    try:
        module_name, function_name = handler_string.rsplit(".", 1)
    except ValueError as error:
        return fault_handler(FaultException("Runtime.MalformedHandlerName", "Bad handler '%s': %s" % (handler_string, error)))
    module_name = module_name.replace("/", ".")
    try:
        if module_name in sys.builtin_module_names:
            raise FaultException(
                "Runtime.BuiltInModuleConflict",
                "Cannot use built-in module %s as a handler module" % module_name,
            )
        module = importlib.import_module(module_name)
    except FaultException as fault:
        return fault_handler(fault)
    except ImportError as error:
        return fault_handler(FaultException("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, error)))
    except SyntaxError as error:
        trace = ['  File "%s" Line %s\n    %s' % (error.filename, error.lineno, error.text)]
        return fault_handler(
            FaultException("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, error), trace)
        )
    try:
        return getattr(module, function_name)
    except AttributeError:
        return fault_handler(
            FaultException("Runtime.HandlerNotFound", "Handler '%s' missing on module '%s'" % (function_name, module_name))
        )


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext:
    __slots__ = ["client", "custom", "env"]


def make_client_context(text):
    if not text:
        return None
    data = json.loads(text)
    context = ClientContext()
    context.custom = data.get("custom")
    context.env = data.get("env")
    client = data.get("client")
    if client:
        context.client = Client()
        context.client.installation_id = client.get("installation_id")
        context.client.app_title = client.get("app_title")
        context.client.app_version_name = client.get("app_version_name")
        context.client.app_version_code = client.get("app_version_code")
        context.client.app_package_name = client.get("app_package_name")
    else:
        context.client = None
    return context


# The environment's constants, read once as AWS's runtime does, not per invocation.
LOG_GROUP_NAME = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
LOG_STREAM_NAME = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
FUNCTION_NAME = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
MEMORY_LIMIT_IN_MB = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
FUNCTION_VERSION = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")


class LambdaContext:
    """The context object of AWS's Python runtime."""

    def __init__(self, request_id, deadline_ms, invoked_function_arn, client_context):
        self.aws_request_id = request_id
        self.log_group_name = LOG_GROUP_NAME
        self.log_stream_name = LOG_STREAM_NAME
        self.function_name = FUNCTION_NAME
        self.memory_limit_in_mb = MEMORY_LIMIT_IN_MB
        self.function_version = FUNCTION_VERSION
        self.invoked_function_arn = invoked_function_arn
        self.client_context = make_client_context(client_context)
        self.identity = CognitoIdentity()
        self.identity.cognito_identity_id = None
        self.identity.cognito_identity_pool_id = None
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(0, int(self._deadline_ms - time.time() * 1000))

    def log(self, message):
        sys.stdout.write(str(message))
        sys.stdout.flush()

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id=%s,log_group_name=%s,log_stream_name=%s,function_name=%s,"
            "memory_limit_in_mb=%s,function_version=%s,invoked_function_arn=%s,client_context=%s,identity=%s])"
            % (
                self.aws_request_id,
                self.log_group_name,
                self.log_stream_name,
                self.function_name,
                self.memory_limit_in_mb,
                self.function_version,
                self.invoked_function_arn,
                self.client_context,
                self.identity,
            )
        )


current_request_id = None


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = current_request_id
        return True


def install_logging():
    """The root logger's handler of AWS's runtime: `[LEVEL]\\t<time>Z\\t<request id>\\t<message>`."""
    handler = logging.StreamHandler(sys.stdout)
    formatter = logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"
    )
    formatter.converter = time.gmtime
    handler.terminator = ""
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    logging.getLogger().addHandler(handler)


class Invocation:
    """One event as the Runtime API hands it over (its headers and body)."""

    __slots__ = ["request_id", "deadline_ms", "invoked_function_arn", "trace_id", "client_context", "content_type", "body"]

    def __init__(self, request_id, deadline_ms, invoked_function_arn, trace_id, client_context, content_type, body):
        self.request_id = request_id
        self.deadline_ms = deadline_ms
        self.invoked_function_arn = invoked_function_arn
        self.trace_id = trace_id
        self.client_context = client_context
        self.content_type = content_type
        self.body = body


def handle(client, handler, invocation):
    global current_request_id
    request_id = invocation.request_id
    current_request_id = request_id
    trace_id = invocation.trace_id
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    error = None
    try:
        context = LambdaContext(request_id, invocation.deadline_ms, invocation.invoked_function_arn, invocation.client_context)
        body = invocation.body
        if invocation.content_type == "application/json":
            try:
                event = from_json(body.decode("utf-8"))
            except Exception as failure:
                raise FaultException("Runtime.UnmarshalError", "Unable to unmarshal input: %s" % failure)
        else:
            event = body
        result, result_type = marshal_response(handler(event, context))
    except FaultException as fault:
        error = make_error(fault.msg, fault.exception_type, fault.trace, request_id)
    except Exception:
        error_type, value, tb = sys.exc_info()
        error = make_error(str(value), error_type.__name__, user_frames(tb), request_id)
    sys.stdout.flush()
    sys.stderr.flush()
    if error is not None:
        log_error(error)
        client.post_error(request_id, error)
    else:
        client.post_response(request_id, result, result_type)


def main():
    sys.path.insert(0, TASK_ROOT)
    install_logging()
    client = runtime_client()
    try:
        handler = load_handler(os.environ["_HANDLER"])
    except Exception:
        # Module code that raises while loading fails init itself: report it and exit, as AWS's runtime does.
        error_type, value, tb = sys.exc_info()
        error = make_error(str(value), error_type.__name__, user_frames(tb))
        log_error(error)
        client.post_init_error(error)
        sys.exit(1)
    sys.stdout.flush()
    while True:
        handle(client, handler, client.next())


if __name__ == "__main__":
    main()
