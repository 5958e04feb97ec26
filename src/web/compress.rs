//! Gzip for the large answers the web keeps (the performance data files): the compressed
//! copy is made once, when the answer is made, and sent to every client that accepts it.
//! Compressing each answer as it is sent would cost more than sending it plain (the 10.6 MB
//! JSON file of a million cases takes tens of milliseconds of a core to compress), so
//! nothing else is compressed on the fly. Only public answers with nothing of the
//! visitor's in them are compressed: a page holding a secret (a form's token) and text the
//! visitor chose could leak the secret through its compressed length (the BREACH attack).

use std::io::Write;

use axum::body::Bytes;
use axum::http::{HeaderMap, header};
use flate2::Compression;
use flate2::write::GzEncoder;

/// Whether the request's `Accept-Encoding` allows gzip (RFC 9110, 12.5.3): `gzip` (or
/// `x-gzip`) with a quality above zero, or else `*` above zero. No header means no.
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    let mut star = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or_default().trim();
            let quality = parts
                .find_map(|p| {
                    let (name, value) = p.split_once('=')?;
                    name.trim().eq_ignore_ascii_case("q").then(|| value.trim().parse::<f32>().unwrap_or(0.0))
                })
                .unwrap_or(1.0);
            if coding.eq_ignore_ascii_case("gzip") || coding.eq_ignore_ascii_case("x-gzip") {
                return quality > 0.0;
            }
            if coding == "*" {
                star = quality > 0.0;
            }
        }
    }
    star
}

/// `plain` as a gzip stream, at zlib's default level (6). The performance data compress
/// about 37 times over (10.6 MB of JSON to 284 KB at a million cases). Level 1 would be
/// about a quarter larger for under half the time (Python's zlib on that file: 22 ms
/// against 51), and the making takes 0.4 s either way (docs/benchmarks.md, 8 December 2026).
pub fn gzip(plain: &[u8]) -> std::io::Result<Bytes> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(plain.len() / 8), Compression::new(6));
    encoder.write_all(plain)?;
    Ok(Bytes::from(encoder.finish()?))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use axum::http::HeaderValue;

    use super::*;

    fn accepts(values: &[&str]) -> bool {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
        }
        accepts_gzip(&headers)
    }

    #[test]
    fn gzip_is_sent_only_where_it_is_accepted() {
        assert!(!accepts(&[]), "no header: plain");
        assert!(accepts(&["gzip, deflate, br, zstd"]), "as browsers ask");
        assert!(accepts(&["br;q=1.0, GZIP;q=0.5"]));
        assert!(accepts(&["deflate", "x-gzip"]), "over two headers");
        assert!(accepts(&["*"]));
        assert!(!accepts(&["identity"]));
        assert!(!accepts(&["gzip;q=0"]), "refused by quality");
        assert!(!accepts(&["*, gzip;q=0"]), "named beats the star");
        assert!(!accepts(&["gzip; q=0.000"]));
        assert!(!accepts(&["*;q=0"]));
        assert!(!accepts(&["gzip;q=nonsense"]), "a quality that cannot be read is taken as zero");
    }

    #[test]
    fn the_copy_unpacks_to_the_same_bytes() {
        let plain = "month,service,value\r\n".repeat(1000);
        let packed = gzip(plain.as_bytes()).unwrap();
        assert!(packed.len() < plain.len() / 10, "{} bytes", packed.len());
        let mut back = String::new();
        flate2::read::GzDecoder::new(&packed[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, plain);
    }
}
