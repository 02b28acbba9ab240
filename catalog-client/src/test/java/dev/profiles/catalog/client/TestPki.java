package dev.profiles.catalog.client;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A throw-away PKI for the TLS tests: a CA, a server certificate for 127.0.0.1/localhost and
 * client certificates, generated per run with BouncyCastle (the JDK has no public API to issue
 * certificates), written as PEM the way kubeconfigs carry them.
 */
final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  record Issued(X509Certificate certificate, KeyPair keys) {}

  private TestPki() {}

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static Issued ca() throws Exception {
    KeyPair keys = ec();
    X500Name name = new X500Name("CN=test-cluster-ca");
    X509v3CertificateBuilder b = builder(name, name, keys);
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true,
        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return new Issued(sign(b, keys), keys);
  }

  static Issued server(Issued ca) throws Exception {
    KeyPair keys = ec();
    X509v3CertificateBuilder b = builder(issuer(ca), new X500Name("CN=kube-apiserver"), keys);
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        new GeneralName(GeneralName.dNSName, "localhost")}));
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    return new Issued(sign(b, ca.keys()), keys);
  }

  static Issued client(Issued ca, String commonName, KeyPair keys) throws Exception {
    X509v3CertificateBuilder b = builder(issuer(ca), new X500Name("CN=" + commonName), keys);
    b.addExtension(Extension.extendedKeyUsage, false,
        new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    return new Issued(sign(b, ca.keys()), keys);
  }

  private static X500Name issuer(Issued ca) {
    return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
  }

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject,
      KeyPair keys) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
        subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer)
      throws Exception {
    String algorithm = signer.getPrivate().getAlgorithm().equals("RSA")
        ? "SHA256withRSA" : "SHA256withECDSA";
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
  }

  /** PEM of a certificate, or of a private key in its traditional form (PKCS#1 / SEC1). */
  static String pem(Object o) throws Exception {
    if (o instanceof ECPrivateKey ec) {
      // As OpenSSL writes it, with the curve inside (the JDK's encoding leaves it out there).
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
      ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
      o = new PemObject("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(
          ec.getParams().getOrder().bitLength(), ec.getS(), curve).getEncoded());
    }
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  /** PEM of a private key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  static String pkcs8(KeyPair keys) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(new JcaPKCS8Generator(keys.getPrivate(), null));
    }
    return out.toString();
  }

  /** A server-side TLS context presenting {@code server} and trusting client certs of {@code ca}. */
  static SSLContext serverContext(Issued server, Issued ca) throws Exception {
    char[] pw = "changeit".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("server", server.keys().getPrivate(), pw,
        new X509Certificate[] {server.certificate(), ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, pw);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }
}
