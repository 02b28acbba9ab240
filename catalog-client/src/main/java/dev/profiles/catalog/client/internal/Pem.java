package dev.profiles.catalog.client.internal;

import dev.profiles.catalog.client.CatalogConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certificates and private keys in the PEM forms kubeconfigs carry: certificates, and keys as
 * PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}, kubeadm, kind) or SEC1
 * ({@code EC PRIVATE KEY}, k3s). The JDK reads only PKCS#8, so the other two are wrapped into
 * PKCS#8 here, which takes a few bytes of DER rather than a cryptography library.
 */
final class Pem {
  private static final Pattern BLOCK = Pattern.compile(
      "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  // DER of the AlgorithmIdentifiers: rsaEncryption with NULL parameters, and id-ecPublicKey.
  private static final byte[] RSA_ALGORITHM = hex("300d06092a864886f70d0101010500");
  private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

  private Pem() {}

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(String pem) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
    }
    return out;
  }

  static List<X509Certificate> certificates(byte[] pem, String what)
      throws CatalogConfigurationException {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (Block b : blocks(new String(pem, StandardCharsets.US_ASCII))) {
        if (b.type().equals("CERTIFICATE")) {
          out.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
        }
      }
    } catch (CertificateException | RuntimeException e) {
      // Runtime exceptions: bad base64, or DER the JDK's parser trips over.
      throw new CatalogConfigurationException(what + ": not a valid PEM certificate", e);
    }
    if (out.isEmpty()) {
      throw new CatalogConfigurationException(what + ": no PEM certificate found");
    }
    return out;
  }

  static PrivateKey privateKey(byte[] pem, String what) throws CatalogConfigurationException {
    List<Block> blocks;
    try {
      blocks = blocks(new String(pem, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException badBase64) {
      // Not echoed: it is (part of) a private key.
      throw new CatalogConfigurationException(what + ": the PEM block is not valid base64");
    }
    for (Block b : blocks) {
      try {
        switch (b.type()) {
          case "PRIVATE KEY":
            return pkcs8(b.der(), what);
          case "RSA PRIVATE KEY":
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                sequence(integerZero(), RSA_ALGORITHM, octetString(b.der()))));
          case "EC PRIVATE KEY":
            byte[] algorithm = sequence(EC_PUBLIC_KEY_OID, curveOf(b.der(), what));
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                sequence(integerZero(), algorithm, octetString(b.der()))));
          case "ENCRYPTED PRIVATE KEY":
            throw new CatalogConfigurationException(what + ": encrypted keys are not supported");
          default:
            break;
        }
      } catch (GeneralSecurityException | RuntimeException e) {
        // Runtime exceptions: truncated or malformed DER, here or in the JDK's key parsers.
        throw new CatalogConfigurationException(what + ": not a valid " + b.type());
      }
    }
    throw new CatalogConfigurationException(what + ": no PEM private key found");
  }

  private static PrivateKey pkcs8(byte[] der, String what)
      throws CatalogConfigurationException {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException wrongAlgorithm) {
        // try the next
      }
    }
    throw new CatalogConfigurationException(what + ": unsupported PKCS#8 private key");
  }

  /**
   * The curve OID of a SEC1 ECPrivateKey: SEQUENCE { INTEGER 1, OCTET STRING key, [0] OID,
   * [1] BIT STRING }.
   */
  private static byte[] curveOf(byte[] sec1, String what) throws CatalogConfigurationException {
    Der seq = Der.read(sec1, 0);
    int at = seq.contentStart;
    while (at < seq.end) {
      Der field = Der.read(sec1, at);
      if (field.tag == (byte) 0xa0) {
        Der oid = Der.read(sec1, field.contentStart);
        return Arrays.copyOfRange(sec1, field.contentStart, oid.end);
      }
      at = field.end;
    }
    throw new CatalogConfigurationException(what + ": EC key without its curve");
  }

  /** One DER element: its tag, where its content starts and where it ends. */
  private record Der(byte tag, int contentStart, int end) {
    static Der read(byte[] b, int at) {
      if (at < 0 || at + 2 > b.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      byte tag = b[at];
      int len = b[at + 1] & 0xff;
      int start = at + 2;
      if (len > 0x7f) {
        int n = len & 0x7f;
        if (n > 3) {
          throw new IllegalArgumentException("DER length too large");
        }
        if (start + n > b.length) {
          throw new IllegalArgumentException("truncated DER");
        }
        len = 0;
        for (int i = 0; i < n; i++) {
          len = (len << 8) | (b[start + i] & 0xff);
        }
        start += n;
      }
      if (start + len > b.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      return new Der(tag, start, start + len);
    }
  }

  private static byte[] integerZero() {
    return new byte[] {0x02, 0x01, 0x00};
  }

  private static byte[] octetString(byte[] content) {
    return element(0x04, content);
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    return element(0x30, content.toByteArray());
  }

  private static byte[] element(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }
}
