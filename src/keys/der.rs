//! Just enough DER to recognise RSA key containers and move between them.
//!
//! Crypto libraries disagree on which containers they accept (ring verifies only with a bare
//! PKCS#1 `RSAPublicKey`), and a useful error must say *what* was given (a public key where a
//! private one belongs, an encrypted key, an EC key). This module reads the outer structure only;
//! the crypto backend does the real parsing and validation of the key material.

/// DER tag numbers used by the key containers.
mod tag {
    pub const INTEGER: u8 = 0x02;
    pub const BIT_STRING: u8 = 0x03;
    pub const OCTET_STRING: u8 = 0x04;
    pub const NULL: u8 = 0x05;
    pub const OID: u8 = 0x06;
    pub const SEQUENCE: u8 = 0x30;
}

/// The content bytes of the OID 1.2.840.113549.1.1.1 (rsaEncryption).
const RSA_ENCRYPTION_OID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// What the outer structure of a DER blob looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape<'a> {
    /// PKCS#8 `PrivateKeyInfo` holding an RSA key.
    Pkcs8Rsa,
    /// PKCS#8 `PrivateKeyInfo` holding a key of another algorithm.
    Pkcs8Other,
    /// PKCS#1 `RSAPrivateKey`.
    Pkcs1Private,
    /// X.509 `SubjectPublicKeyInfo` holding an RSA key; the inner PKCS#1 `RSAPublicKey`.
    SpkiRsa(&'a [u8]),
    /// `SubjectPublicKeyInfo` of another algorithm.
    SpkiOther,
    /// PKCS#1 `RSAPublicKey`.
    Pkcs1Public,
    /// PKCS#8 `EncryptedPrivateKeyInfo`.
    EncryptedPkcs8,
    /// None of the above.
    Unknown,
}

/// A forward-only reader of DER type-length-value items.
struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(data: &'a [u8]) -> Self {
        Reader { rest: data }
    }

    fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// Reads one item; `None` on any malformation (truncation, indefinite or oversized length).
    fn item(&mut self) -> Option<(u8, &'a [u8])> {
        let (&tag, rest) = self.rest.split_first()?;
        let (&first, mut rest) = rest.split_first()?;
        let len = if first < 0x80 {
            usize::from(first)
        } else {
            let count = usize::from(first & 0x7f);
            if count == 0 || count > 4 || rest.len() < count {
                return None;
            }
            let (len_bytes, after) = rest.split_at(count);
            rest = after;
            // Big-endian; at most four bytes, so even a 32-bit usize holds it.
            len_bytes
                .iter()
                .fold(0usize, |acc, &b| acc * 256 + usize::from(b))
        };
        if rest.len() < len {
            return None;
        }
        let (content, after) = rest.split_at(len);
        self.rest = after;
        Some((tag, content))
    }

    fn expect(&mut self, want: u8) -> Option<&'a [u8]> {
        match self.item()? {
            (tag, content) if tag == want => Some(content),
            _ => None,
        }
    }
}

/// Parses a whole blob that must be exactly one SEQUENCE; returns a reader over its content.
fn sequence(der: &[u8]) -> Option<Reader<'_>> {
    let mut outer = Reader::new(der);
    let content = outer.expect(tag::SEQUENCE)?;
    outer.is_empty().then(|| Reader::new(content))
}

/// Recognises the container of a DER blob.
pub(crate) fn shape(der: &[u8]) -> Shape<'_> {
    if let Some(shape) = private_shape(der) {
        return shape;
    }
    if let Some(shape) = spki_shape(der) {
        return shape;
    }
    if rsa_public_key(der).is_some() {
        return Shape::Pkcs1Public;
    }
    if is_encrypted_pkcs8(der) {
        return Shape::EncryptedPkcs8;
    }
    Shape::Unknown
}

fn private_shape(der: &[u8]) -> Option<Shape<'static>> {
    let mut seq = sequence(der)?;
    let version = seq.expect(tag::INTEGER)?;
    match seq.item()? {
        // PrivateKeyInfo: version, AlgorithmIdentifier, OCTET STRING privateKey, ...
        (tag::SEQUENCE, algorithm) => {
            seq.expect(tag::OCTET_STRING)?;
            let oid = Reader::new(algorithm).expect(tag::OID)?;
            Some(if oid == RSA_ENCRYPTION_OID {
                Shape::Pkcs8Rsa
            } else {
                Shape::Pkcs8Other
            })
        }
        // RSAPrivateKey: version, n, e, d, p, q, dP, dQ, qInv (all INTEGERs).
        (tag::INTEGER, _) if version.len() == 1 => {
            for _ in 0..7 {
                seq.expect(tag::INTEGER)?;
            }
            Some(Shape::Pkcs1Private)
        }
        _ => None,
    }
}

fn spki_shape(der: &[u8]) -> Option<Shape<'_>> {
    let mut seq = sequence(der)?;
    let algorithm = seq.expect(tag::SEQUENCE)?;
    let bits = seq.expect(tag::BIT_STRING)?;
    if !seq.is_empty() {
        return None;
    }
    let (&unused_bits, key) = bits.split_first()?;
    if unused_bits != 0 {
        return None;
    }
    let mut alg = Reader::new(algorithm);
    let oid = alg.expect(tag::OID)?;
    if oid != RSA_ENCRYPTION_OID {
        return Some(Shape::SpkiOther);
    }
    // The parameters are NULL for rsaEncryption (some encoders omit them).
    if !alg.is_empty() {
        let params = alg.expect(tag::NULL)?;
        if !params.is_empty() || !alg.is_empty() {
            return None;
        }
    }
    rsa_public_key(key).map(|_| Shape::SpkiRsa(key))
}

fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    let Some(mut seq) = sequence(der) else {
        return false;
    };
    seq.expect(tag::SEQUENCE).is_some() && seq.expect(tag::OCTET_STRING).is_some() && seq.is_empty()
}

/// The modulus and public exponent of an RSA public key, big-endian, without leading zeros.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RsaPublicParts {
    pub modulus: Vec<u8>,
    pub exponent: Vec<u8>,
}

impl RsaPublicParts {
    /// Size of the modulus in bits.
    pub fn modulus_bits(&self) -> usize {
        match self.modulus.first() {
            Some(&top) => self.modulus.len() * 8 - top.leading_zeros() as usize,
            None => 0,
        }
    }
}

/// Reads a PKCS#1 `RSAPublicKey` (SEQUENCE { modulus INTEGER, publicExponent INTEGER }).
pub(crate) fn rsa_public_key(der: &[u8]) -> Option<RsaPublicParts> {
    let mut seq = sequence(der)?;
    let modulus = positive_integer(seq.expect(tag::INTEGER)?)?;
    let exponent = positive_integer(seq.expect(tag::INTEGER)?)?;
    seq.is_empty().then(|| RsaPublicParts {
        modulus: modulus.to_vec(),
        exponent: exponent.to_vec(),
    })
}

/// A positive INTEGER's magnitude without its leading zero bytes; `None` for zero or negative.
fn positive_integer(content: &[u8]) -> Option<&[u8]> {
    if content.first()? & 0x80 != 0 {
        return None;
    }
    let start = content.iter().position(|&b| b != 0)?;
    Some(&content[start..])
}

fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        // The long form: 0x80 plus the number of length bytes (at most 8).
        out.push(0x80 + (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

fn push_item(out: &mut Vec<u8>, tag: u8, content: &[u8]) {
    out.push(tag);
    push_len(out, content.len());
    out.extend_from_slice(content);
}

fn push_unsigned_integer(out: &mut Vec<u8>, magnitude: &[u8]) {
    let mut content = Vec::with_capacity(magnitude.len() + 1);
    if magnitude.first().is_none_or(|&b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(magnitude);
    push_item(out, tag::INTEGER, &content);
}

/// Encodes a PKCS#1 `RSAPublicKey`.
pub(crate) fn encode_rsa_public_key(parts: &RsaPublicParts) -> Vec<u8> {
    let mut content = Vec::with_capacity(parts.modulus.len() + 16);
    push_unsigned_integer(&mut content, &parts.modulus);
    push_unsigned_integer(&mut content, &parts.exponent);
    let mut out = Vec::with_capacity(content.len() + 4);
    push_item(&mut out, tag::SEQUENCE, &content);
    out
}

/// Encodes an X.509 `SubjectPublicKeyInfo` for an RSA key.
pub(crate) fn encode_spki(parts: &RsaPublicParts) -> Vec<u8> {
    let mut algorithm = Vec::with_capacity(16);
    push_item(&mut algorithm, tag::OID, RSA_ENCRYPTION_OID);
    push_item(&mut algorithm, tag::NULL, &[]);
    let mut bits = vec![0u8];
    bits.extend_from_slice(&encode_rsa_public_key(parts));
    let mut content = Vec::with_capacity(bits.len() + 24);
    push_item(&mut content, tag::SEQUENCE, &algorithm);
    push_item(&mut content, tag::BIT_STRING, &bits);
    let mut out = Vec::with_capacity(content.len() + 4);
    push_item(&mut out, tag::SEQUENCE, &content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> RsaPublicParts {
        RsaPublicParts {
            modulus: vec![0xc3; 256],
            exponent: vec![0x01, 0x00, 0x01],
        }
    }

    #[test]
    fn spki_round_trips_through_encode_and_shape() {
        let spki = encode_spki(&parts());
        let Shape::SpkiRsa(inner) = shape(&spki) else {
            panic!("not recognised as SPKI: {:?}", shape(&spki));
        };
        assert_eq!(rsa_public_key(inner), Some(parts()));
        assert_eq!(parts().modulus_bits(), 2048);
    }

    #[test]
    fn pkcs1_public_is_recognised() {
        assert_eq!(shape(&encode_rsa_public_key(&parts())), Shape::Pkcs1Public);
    }

    #[test]
    fn truncated_and_garbage_are_unknown() {
        let spki = encode_spki(&parts());
        for cut in [0, 1, 2, 10, spki.len() / 2, spki.len() - 1] {
            assert_eq!(shape(&spki[..cut]), Shape::Unknown, "cut at {cut}");
        }
        assert_eq!(shape(b"hello world"), Shape::Unknown);
        // Trailing bytes after the outer SEQUENCE are rejected too.
        let mut long = spki.clone();
        long.push(0);
        assert_eq!(shape(&long), Shape::Unknown);
    }

    #[test]
    fn oversized_length_is_rejected_without_panic() {
        assert_eq!(shape(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), Shape::Unknown);
        assert_eq!(shape(&[0x30, 0x85, 1, 1, 1, 1, 1]), Shape::Unknown);
        assert_eq!(shape(&[0x30, 0x80]), Shape::Unknown);
    }

    #[test]
    fn negative_or_zero_integers_are_not_keys() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x03];
        assert_eq!(rsa_public_key(&der), None);
        let der = [0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x03];
        assert_eq!(rsa_public_key(&der), None);
    }

    /// One item's tag and content, and whether the reader is empty after it.
    fn read_one(der: &[u8]) -> Option<(u8, Vec<u8>, bool)> {
        let mut reader = Reader::new(der);
        let (tag, content) = reader.item()?;
        Some((tag, content.to_vec(), reader.is_empty()))
    }

    #[test]
    fn item_lengths_at_every_boundary() {
        // Short form: exactly as many content bytes as the length says; one fewer is refused.
        assert_eq!(
            read_one(&[0x04, 0x01, 0xaa]),
            Some((0x04, vec![0xaa], true))
        );
        assert_eq!(read_one(&[0x04, 0x02, 0xaa]), None);
        assert_eq!(read_one(&[0x04, 0x00]), Some((0x04, vec![], true)));
        // 0x80 is the indefinite length, which DER forbids, even with bytes enough after it.
        let mut indefinite = vec![0x04, 0x80];
        indefinite.extend([0u8; 0x80]);
        assert_eq!(read_one(&indefinite), None);
        // Long form: the length bytes must all be there (exactly enough is fine).
        assert_eq!(read_one(&[0x04, 0x81, 0x00]), Some((0x04, vec![], true)));
        assert_eq!(read_one(&[0x04, 0x81]), None);
        // Up to four length bytes; five are refused even when they say a small length.
        assert_eq!(
            read_one(&[0x04, 0x84, 0, 0, 0, 1, 0xaa]),
            Some((0x04, vec![0xaa], true))
        );
        assert_eq!(read_one(&[0x04, 0x85, 0, 0, 0, 0, 1, 0xaa]), None);
        // Multi-byte lengths are big-endian.
        let mut two_bytes = vec![0x04, 0x82, 0x01, 0x02];
        two_bytes.extend((0..0x0102).map(|i| i as u8));
        two_bytes.push(0xff);
        let (tag, content, empty) = read_one(&two_bytes).unwrap();
        assert_eq!((tag, content.len(), empty), (0x04, 0x0102, false));
    }

    #[test]
    fn lengths_encode_in_the_shortest_form() {
        for (len, expected) in [
            (0usize, vec![0x00]),
            (0x7f, vec![0x7f]),
            (0x80, vec![0x81, 0x80]),
            (0xff, vec![0x81, 0xff]),
            (0x100, vec![0x82, 0x01, 0x00]),
            (0x01_0203, vec![0x83, 0x01, 0x02, 0x03]),
        ] {
            let mut out = Vec::new();
            push_len(&mut out, len);
            assert_eq!(out, expected, "length {len:#x}");
            // And the reader reads back what the writer wrote.
            let mut item = vec![0x04];
            item.extend(&out);
            item.extend(std::iter::repeat_n(0u8, len));
            assert_eq!(read_one(&item).map(|(_, c, _)| c.len()), Some(len));
        }
    }

    #[test]
    fn integers_get_a_leading_zero_only_when_the_top_bit_is_set() {
        let mut out = Vec::new();
        push_unsigned_integer(&mut out, &[0x7f, 0x01]);
        assert_eq!(out, [0x02, 0x02, 0x7f, 0x01]);
        out.clear();
        push_unsigned_integer(&mut out, &[0x80, 0x01]);
        assert_eq!(out, [0x02, 0x03, 0x00, 0x80, 0x01]);
        out.clear();
        push_unsigned_integer(&mut out, &[]);
        assert_eq!(out, [0x02, 0x01, 0x00]);
        assert_eq!(positive_integer(&[0x00, 0x00, 0x05]), Some(&[0x05][..]));
        assert_eq!(positive_integer(&[0x7f]), Some(&[0x7f][..]));
        assert_eq!(positive_integer(&[0x00]), None);
        assert_eq!(positive_integer(&[]), None);
    }

    #[test]
    fn modulus_bits_counts_from_the_top_set_bit() {
        let bits = |modulus: Vec<u8>| {
            RsaPublicParts {
                modulus,
                exponent: vec![3],
            }
            .modulus_bits()
        };
        assert_eq!(bits(vec![0x01, 0x00]), 9);
        assert_eq!(bits(vec![0x80, 0x00, 0x00]), 24);
        assert_eq!(bits(vec![0x7f; 4]), 31);
        assert_eq!(bits(vec![]), 0);
    }

    /// A SubjectPublicKeyInfo with the given algorithm content and BIT STRING content.
    fn spki_with(algorithm: &[u8], bits: &[u8]) -> Vec<u8> {
        let mut content = Vec::new();
        push_item(&mut content, tag::SEQUENCE, algorithm);
        push_item(&mut content, tag::BIT_STRING, bits);
        let mut out = Vec::new();
        push_item(&mut out, tag::SEQUENCE, &content);
        out
    }

    fn rsa_algorithm(params: &[u8]) -> Vec<u8> {
        let mut algorithm = Vec::new();
        push_item(&mut algorithm, tag::OID, RSA_ENCRYPTION_OID);
        algorithm.extend_from_slice(params);
        algorithm
    }

    #[test]
    fn spki_variants_are_told_apart() {
        let key = encode_rsa_public_key(&parts());
        let bits = |unused: u8| [&[unused][..], &key].concat();
        // NULL parameters, or none at all, are both rsaEncryption.
        let with_null = spki_with(&rsa_algorithm(&[tag::NULL, 0]), &bits(0));
        assert_eq!(shape(&with_null), Shape::SpkiRsa(&key));
        let without = spki_with(&rsa_algorithm(&[]), &bits(0));
        assert_eq!(shape(&without), Shape::SpkiRsa(&key));
        // Unused bits, non-empty or non-NULL parameters, or more after them: not a key we take.
        for broken in [
            spki_with(&rsa_algorithm(&[tag::NULL, 0]), &bits(1)),
            spki_with(&rsa_algorithm(&[tag::NULL, 1, 0]), &bits(0)),
            spki_with(&rsa_algorithm(&[tag::INTEGER, 1, 0]), &bits(0)),
            spki_with(&rsa_algorithm(&[tag::NULL, 0, tag::NULL, 0]), &bits(0)),
        ] {
            assert_eq!(spki_shape(&broken), None, "{broken:02x?}");
        }
        // Another algorithm (an EC key's OID 1.2.840.10045.2.1).
        let mut ec = Vec::new();
        push_item(
            &mut ec,
            tag::OID,
            &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
        );
        assert_eq!(shape(&spki_with(&ec, &bits(0))), Shape::SpkiOther);
        // Anything after the BIT STRING.
        let mut content = Vec::new();
        push_item(&mut content, tag::SEQUENCE, &rsa_algorithm(&[tag::NULL, 0]));
        push_item(&mut content, tag::BIT_STRING, &bits(0));
        push_item(&mut content, tag::NULL, &[]);
        let mut trailing = Vec::new();
        push_item(&mut trailing, tag::SEQUENCE, &content);
        assert_eq!(spki_shape(&trailing), None);
    }

    /// A SEQUENCE of the given items.
    fn sequence_of(items: &[(u8, &[u8])]) -> Vec<u8> {
        let mut content = Vec::new();
        for (tag, item) in items {
            push_item(&mut content, *tag, item);
        }
        let mut out = Vec::new();
        push_item(&mut out, tag::SEQUENCE, &content);
        out
    }

    #[test]
    fn private_key_containers_are_told_apart() {
        let rsa_algorithm = rsa_algorithm(&[tag::NULL, 0]);
        let pkcs8 = sequence_of(&[
            (tag::INTEGER, &[0]),
            (tag::SEQUENCE, &rsa_algorithm),
            (tag::OCTET_STRING, &[1, 2, 3]),
        ]);
        assert_eq!(shape(&pkcs8), Shape::Pkcs8Rsa);
        let mut ec_algorithm = Vec::new();
        push_item(
            &mut ec_algorithm,
            tag::OID,
            &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01],
        );
        let pkcs8_ec = sequence_of(&[
            (tag::INTEGER, &[0]),
            (tag::SEQUENCE, &ec_algorithm),
            (tag::OCTET_STRING, &[1, 2, 3]),
        ]);
        assert_eq!(shape(&pkcs8_ec), Shape::Pkcs8Other);
        // PKCS#8 whose key is not an OCTET STRING, or is missing: nothing we know.
        let integer_key = sequence_of(&[
            (tag::INTEGER, &[0]),
            (tag::SEQUENCE, &rsa_algorithm),
            (tag::INTEGER, &[5]),
        ]);
        assert_eq!(shape(&integer_key), Shape::Unknown);
        let no_key = sequence_of(&[(tag::INTEGER, &[0]), (tag::SEQUENCE, &rsa_algorithm)]);
        assert_eq!(private_shape(&no_key), None);

        // RSAPrivateKey: a one-byte version and eight INTEGERs.
        let integers: Vec<(u8, &[u8])> =
            std::iter::repeat_n((tag::INTEGER, &[5u8][..]), 9).collect();
        assert_eq!(shape(&sequence_of(&integers)), Shape::Pkcs1Private);
        // One INTEGER short, or a two-byte version: not one.
        assert_eq!(private_shape(&sequence_of(&integers[..8])), None);
        let mut long_version = integers.clone();
        long_version[0] = (tag::INTEGER, &[0, 5]);
        assert_eq!(private_shape(&sequence_of(&long_version)), None);
    }

    #[test]
    fn encrypted_pkcs8_needs_exactly_its_two_parts() {
        let algorithm = sequence_of(&[(tag::OID, &[1, 2, 3])]);
        let inner_algorithm = &algorithm[2..];
        let encrypted = sequence_of(&[
            (tag::SEQUENCE, inner_algorithm),
            (tag::OCTET_STRING, &[9; 16]),
        ]);
        assert_eq!(shape(&encrypted), Shape::EncryptedPkcs8);
        assert!(is_encrypted_pkcs8(&encrypted));
        let no_data = sequence_of(&[(tag::SEQUENCE, inner_algorithm)]);
        assert!(!is_encrypted_pkcs8(&no_data));
        let no_algorithm = sequence_of(&[(tag::OCTET_STRING, &[9; 16])]);
        assert!(!is_encrypted_pkcs8(&no_algorithm));
        let extra = sequence_of(&[
            (tag::SEQUENCE, inner_algorithm),
            (tag::OCTET_STRING, &[9; 16]),
            (tag::NULL, &[]),
        ]);
        assert!(!is_encrypted_pkcs8(&extra));
        assert!(!is_encrypted_pkcs8(b"not der"));
    }
}
