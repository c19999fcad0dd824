#include "evaluation.h"
#include "signedurl.h"

#include "payload/jsonformatter.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Signing {

namespace {

/// A clock this far ahead is worth a word even where the scheme allows it.
constexpr qint64 futureSkewWorthNoting = 5;

struct Variant
{
    QByteArray bytes;
    QString description;
};

/// The JSON text with the whitespace between tokens replaced by `comma` after each ',' and
/// `colon` after each ':'; strings kept byte for byte, members in the order received.
QByteArray respaceJson(QByteArrayView json, QByteArrayView comma, QByteArrayView colon)
{
    QByteArray out;
    out.reserve(json.size());
    bool inString = false, escaped = false;
    for (char c : json) {
        if (inString) {
            out += c;
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        out += c;
        if (c == '"')
            inString = true;
        else if (c == ',')
            out += comma;
        else if (c == ':')
            out += colon;
    }
    return out;
}

/// The body as common encoders and relays write it, each different from what arrived.
QList<Variant> bodyVariants(QByteArrayView body, bool *isJson)
{
    QList<Variant> variants;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body.toByteArray(), &error);
    *isJson = error.error == QJsonParseError::NoError;
    if (*isJson) {
        variants.append({respaceJson(body, "", ""), Scheme::tr("as compact JSON")});
        variants.append(
            {respaceJson(body, " ", " "), Scheme::tr("with a space after each comma and colon (Python's json.dumps)")});
        const Payload::JsonFormatResult pretty = Payload::formatJson(body);
        if (pretty.ok()) {
            variants.append({pretty.text, Scheme::tr("indented by two spaces")});
            variants.append({pretty.text + '\n', Scheme::tr("indented by two spaces with a final newline")});
        }
        variants.append({document.toJson(QJsonDocument::Compact), Scheme::tr("as compact JSON with sorted keys")});
        variants.append(
            {document.toJson(QJsonDocument::Indented), Scheme::tr("indented by four spaces with sorted keys")});
    }
    variants.append({body.toByteArray() + '\n', Scheme::tr("with a final newline")});
    if (body.endsWith('\n')) {
        QByteArray chopped = body.toByteArray();
        chopped.chop(body.endsWith("\r\n") ? 2 : 1);
        variants.append({chopped, Scheme::tr("without its final newline")});
    }
    return variants;
}

/// The URLs a provider may have signed instead of the one Hookscope used.
QStringList urlVariants(const QString &url, const Http::Request &request)
{
    const QString other = urlWithOtherScheme(url);
    QStringList candidates{other, urlWithDefaultPort(other), urlWithoutPort(other), urlWithDefaultPort(url),
                           urlWithoutPort(url)};
    const QByteArrayView host = request.headerValue("Host");
    if (!host.isEmpty()) {
        const QString target = QString::fromUtf8(request.target().data(), request.target().size());
        const QString hostUrl = QLatin1String("http://") + QString::fromUtf8(host.data(), host.size()) + target;
        candidates << hostUrl << urlWithOtherScheme(hostUrl);
    }
    QStringList unique;
    for (const QString &c : std::as_const(candidates)) {
        if (c != url && !unique.contains(c))
            unique.append(c);
    }
    return unique;
}

bool anyKeyMatches(const Evaluation &e, const Material &material)
{
    for (qsizetype i = 0; i < e.keys.size(); ++i) {
        if (e.keyErrors.at(i).isEmpty() && e.scheme->check(e.parsed, material, e.keys.at(i)).matched)
            return true;
    }
    return false;
}

QString timestampHint(const Evaluation &e)
{
    const Result &r = e.diagnosis.result;
    if (!e.parsed.hasTimestamp)
        return {};
    if (r.verdict == Verdict::TimestampTooOld || (e.toleranceSeconds > 0 && r.skewSeconds > e.toleranceSeconds))
        return Scheme::tr("Signed %1 s before it arrived, more than the %2 s allowed: a retried or replayed "
                          "delivery, or the sender's clock is behind.")
            .arg(r.skewSeconds)
            .arg(e.toleranceSeconds);
    if (r.skewSeconds < -futureSkewWorthNoting)
        return Scheme::tr("The timestamp is %1 s ahead of the time the request arrived: the sender's clock (or "
                          "this machine's) looks off.")
            .arg(-r.skewSeconds);
    return {};
}

} // namespace

QStringList hintsFor(const Evaluation &e, const Config &config, const Http::Request &request)
{
    QStringList hints;
    const Result &r = e.diagnosis.result;
    if (e.urlGuessed)
        hints << Scheme::tr("No public URL is set, so the signed URL was guessed from the Host header: %1. Set the "
                            "public URL to the address the provider calls (a tunnel's https URL, for example).")
                     .arg(e.material.url);
    if (const QString hint = timestampHint(e); !hint.isEmpty())
        hints << hint;
    if (r.verdict != Verdict::Mismatch || e.parsed.signatures.isEmpty())
        return hints;

    bool explained = false;
    for (qsizetype i : e.secrets) {
        for (const Misreading &m : e.scheme->misreadings(config.secrets.at(i).secret)) {
            if (e.scheme->check(e.parsed, e.material, m.key).matched) {
                hints << m.hint;
                explained = true;
            }
        }
    }
    if (e.scheme->signsUrl()) {
        for (const QString &url : urlVariants(e.material.url, request)) {
            if (anyKeyMatches(e, {e.material.body, url, false})) {
                hints << Scheme::tr("Signed for %1, not %2: set the public URL to %3.")
                             .arg(url, e.material.url, urlOrigin(url));
                explained = true;
                break;
            }
        }
    }
    bool isJson = false;
    const QList<Variant> bodies = bodyVariants(e.material.body, &isJson);
    for (const Variant &v : bodies) {
        if (v.bytes != e.material.body && anyKeyMatches(e, {v.bytes, e.material.url, false})) {
            hints << Scheme::tr("The signature matches this body %1, not as it arrived: something between signing "
                                "and here (a proxy, a relay such as smee.io, a framework) re-encoded it. Signatures "
                                "cover the exact bytes, so verify the raw body as received.")
                         .arg(v.description);
            explained = true;
            break;
        }
    }
    if (!explained && isJson)
        hints << Scheme::tr("The body is JSON: if a proxy or framework parsed and re-serialised it on the way, its "
                            "bytes differ from those signed and no secret will match.");
    return hints;
}

} // namespace Signing
