//! The server's own answers, on the real binary: a body on GET is not read (the connection
//! closes after the answer), an overlong URI gets 414 and an overlong head 431, and a
//! connection that never finishes its head is closed by the header timeout.

use std::io::{BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::shutdown::{Read1, read_response, start};

fn send(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(request);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn limits_on_heads_bodies_and_slow_clients() {
    let server = start(&[("HEADER_TIMEOUT_SECS", "1"), ("IDLE_TIMEOUT_SECS", "2")]);
    let port = server.port;

    // A GET with a body: answered, with Connection: close, the body never read.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /robots.txt HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\npartial").unwrap();
    let mut reader = BufReader::new(s);
    match read_response(&mut reader) {
        Read1::Whole { status: 200, close: true } => {}
        other => panic!("GET with a body: {other:?}"),
    }

    let long_uri = format!("GET /models/{} HTTP/1.1\r\nHost: t\r\n\r\n", "a".repeat(9000));
    let answer = send(port, long_uri.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 414"), "{}", &answer[..answer.len().min(200)]);
    assert!(answer.to_ascii_lowercase().contains("content-security-policy: default-src 'none'"), "{answer}");

    let big_head = format!("GET / HTTP/1.1\r\nHost: t\r\nX-Big: {}\r\n\r\n", "b".repeat(20_000));
    let answer = send(port, big_head.as_bytes());
    assert!(answer.starts_with("HTTP/1.1 431"), "{}", &answer[..answer.len().min(200)]);

    // Half a head, then nothing: closed after the 1 s header timeout.
    let started = Instant::now();
    let answer = send(port, b"GET / HTTP/1.1\r\nHost: t\r\n");
    let took = started.elapsed();
    assert!(answer.is_empty(), "{answer}");
    assert!(took >= Duration::from_millis(900) && took < Duration::from_secs(4), "closed after {took:?}");

    // A connection that sends nothing at all is closed by the header timeout too.
    let started = Instant::now();
    assert!(send(port, b"").is_empty());
    assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());

    // A keep-alive connection is closed after the idle timeout once its answer is sent.
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(b"GET /robots.txt HTTP/1.1\r\nHost: t\r\n\r\n").unwrap();
    let started = Instant::now();
    let mut reader = BufReader::new(s);
    assert!(matches!(read_response(&mut reader), Read1::Whole { status: 200, close: false }));
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
    let idle = started.elapsed();
    assert!(idle >= Duration::from_millis(1800) && idle < Duration::from_secs(5), "idle close after {idle:?}");
}
