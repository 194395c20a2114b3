"""The hub's TLS certificate: self-signed, made once per event, pinned by the join code.

No certificate authority vouches for a laptop on venue Wi-Fi, so trust comes from the join code
carrying this certificate's SHA-256 fingerprint. The certificate is its own CA (desks verify
the chain against it alone, libpq's `sslmode=verify-ca`); names are not checked, because the
laptop's address changes from venue to venue while the key stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from eventdesk.sync.join_code import certificate_fingerprint

VALID_FOR = timedelta(days=825)  # the longest lifetime mainstream TLS clients accept


@dataclass(frozen=True)
class HubCertificate:
    cert_path: Path
    key_path: Path

    @property
    def der(self) -> bytes:
        cert = x509.load_pem_x509_certificate(self.cert_path.read_bytes())
        return cert.public_bytes(serialization.Encoding.DER)

    @property
    def fingerprint(self) -> bytes:
        return certificate_fingerprint(self.der)


def make_certificate(folder: Path, *, event_code: str) -> HubCertificate:
    """Write `hub.crt` and `hub.key` into `folder` unless they are there (desks pin this one)."""
    cert_path, key_path = folder / "hub.crt", folder / "hub.key"
    if cert_path.exists() and key_path.exists():
        return HubCertificate(cert_path, key_path)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"eventdesk hub {event_code}")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + VALID_FOR)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return HubCertificate(cert_path, key_path)
