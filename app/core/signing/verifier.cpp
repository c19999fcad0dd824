#include "evaluation.h"
#include "signedurl.h"

#include "http/glob.h"

#include <algorithm>

namespace Signing {

namespace {

QByteArrayView requestPath(const Http::Request &request)
{
    const QByteArrayView target = request.target();
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.first(query);
}

bool appliesTo(const Secret &secret, QByteArrayView path)
{
    return secret.pathPattern.isEmpty() || Http::globMatch(secret.pathPattern.toUtf8(), path);
}

/// The scheme whose headers the request carries, preferring one with a secret for this path (a
/// sender may sign twice, e.g. Svix with both svix-* and webhook-* headers).
const Scheme *chooseScheme(const Config &config, const Http::Request &request, QByteArrayView path)
{
    // Every request is looked at: the header names are gathered once, not asked for each time.
    static const QList<QList<QByteArrayView>> headers = [] {
        QList<QList<QByteArrayView>> out;
        for (const Scheme *scheme : allSchemes())
            out.append(scheme->signatureHeaders());
        return out;
    }();
    const Scheme *first = nullptr;
    for (qsizetype s = 0; s < allSchemes().size(); ++s) {
        const Scheme *scheme = allSchemes().at(s);
        const QList<QByteArrayView> &names = headers.at(s);
        if (std::none_of(names.cbegin(), names.cend(),
                         [&request](QByteArrayView name) { return !request.headerValue(name).isNull(); }))
            continue;
        if (!first)
            first = scheme;
        for (const Secret &secret : config.secrets) {
            if (secret.scheme == scheme->id() && appliesTo(secret, path))
                return scheme;
        }
    }
    return first;
}

void judgeTimestamp(Evaluation &e)
{
    Result &r = e.diagnosis.result;
    const qint64 skew = r.skewSeconds;
    const int tolerance = e.toleranceSeconds;
    if (e.parsed.hasTimestamp && tolerance > 0 && skew > tolerance) {
        r.verdict = Verdict::TimestampTooOld;
        r.detail = Scheme::tr("signed %1 s before it arrived; tolerance %2 s").arg(skew).arg(tolerance);
    } else if (e.parsed.hasTimestamp && tolerance > 0 && e.scheme->checksFuture() && -skew > tolerance) {
        r.verdict = Verdict::TimestampTooNew;
        r.detail = Scheme::tr("signed %1 s after it arrived; tolerance %2 s").arg(-skew).arg(tolerance);
    } else {
        r.verdict = Verdict::Valid; // secretLabel says which: no detail to build for every valid request
    }
}

QString mismatchDetail(const Evaluation &e, const QString &problem)
{
    if (!problem.isEmpty())
        return problem;
    if (e.parsed.signatures.isEmpty())
        return Scheme::tr("%1 carries no signature of a version Hookscope checks (%2)")
            .arg(QLatin1String(e.parsed.headerName), QLatin1String(e.parsed.knownVersions));
    if (e.secrets.size() == 1)
        return Scheme::tr("the signature does not match the secret");
    return Scheme::tr("the signature matches none of the %1 secrets").arg(e.secrets.size());
}

} // namespace

QString secretLabel(const Config &config, qsizetype index)
{
    const Secret &secret = config.secrets.at(index);
    if (!secret.label.isEmpty())
        return secret.label;
    int n = 0;
    for (qsizetype i = 0; i <= index; ++i)
        n += config.secrets.at(i).scheme == secret.scheme ? 1 : 0;
    return Scheme::tr("%1 secret %2").arg(secret.scheme).arg(n);
}

Evaluation evaluate(const Config &config, const Http::Request &request, qint64 nowSeconds, bool full)
{
    Evaluation e;
    Result &r = e.diagnosis.result;
    const QByteArrayView path = requestPath(request);
    e.scheme = chooseScheme(config, request, path);
    if (!e.scheme) {
        // A secret bound to this path says a signature is due here: its absence is the finding.
        for (const Secret &secret : config.secrets) {
            const Scheme *expected = findScheme(secret.scheme);
            if (expected && !secret.pathPattern.isEmpty() && appliesTo(secret, path)) {
                r.scheme = secret.scheme;
                r.verdict = Verdict::MissingHeader;
                r.detail = Scheme::tr("expected a %1 signature on this path").arg(expected->title());
                return e;
            }
        }
        r.verdict = Verdict::Unsigned;
        return e;
    }
    r.scheme = e.scheme->id();
    bool anyOfScheme = false;
    for (qsizetype i = 0; i < config.secrets.size(); ++i) {
        const Secret &secret = config.secrets.at(i);
        if (secret.scheme != r.scheme)
            continue;
        const bool applies = appliesTo(secret, path);
        anyOfScheme = anyOfScheme || applies || !isTestWebhookSecret(secret);
        if (applies)
            e.secrets.append(i);
    }
    if (e.secrets.isEmpty()) {
        r.verdict = Verdict::NoSecret;
        r.detail = anyOfScheme ? Scheme::tr("no %1 secret applies to this path").arg(e.scheme->title())
                               : Scheme::tr("no %1 secret is set").arg(e.scheme->title());
        return e;
    }

    e.parsed = e.scheme->parse(request);
    e.diagnosis.headerName = e.parsed.headerName;
    e.diagnosis.received = e.parsed.received;
    if (!e.parsed.ok()) {
        r.verdict = e.parsed.problem;
        r.detail = e.parsed.detail;
        return e;
    }
    e.toleranceSeconds = config.toleranceSeconds.value(r.scheme, e.scheme->defaultToleranceSeconds());
    if (e.parsed.hasTimestamp)
        r.skewSeconds = nowSeconds - e.parsed.timestamp;
    e.material.body = request.body();
    e.material.wantExpected = full;
    if (e.scheme->signsUrl()) {
        e.material.url = signedUrl(config, request, &e.urlGuessed);
        e.diagnosis.url = e.material.url;
    }

    qsizetype matched = -1;
    QString problem;
    for (qsizetype i : std::as_const(e.secrets)) {
        QString error;
        e.keys.append(e.scheme->key(config.secrets.at(i).secret, &error));
        e.keyErrors.append(error);
        // Labels are words for people: made for every secret only when the diagnosis shows them all.
        Attempt attempt{full ? secretLabel(config, i) : QString(), {}, false};
        if (error.isEmpty()) {
            const Check check = e.scheme->check(e.parsed, e.material, e.keys.constLast());
            attempt.expected = check.expected;
            attempt.matched = check.matched;
            if (problem.isEmpty())
                problem = check.problem;
            // What was signed: as the matching secret saw it, else as the first secret did.
            if (check.matched || e.diagnosis.signedBytes.isNull()) {
                e.diagnosis.signedBytes = check.signedBytes;
                if (!check.url.isEmpty())
                    e.diagnosis.url = check.url;
            }
            if (check.matched && matched < 0) {
                matched = i;
                r.secretLabel = full ? attempt.secretLabel : secretLabel(config, i);
            }
        }
        if (full)
            e.diagnosis.attempts.append(attempt);
        else if (matched >= 0)
            break;
    }
    if (matched >= 0) {
        judgeTimestamp(e);
        return e;
    }
    if (!e.keyErrors.contains(QString())) {
        r.verdict = Verdict::MalformedHeader;
        r.detail = Scheme::tr("%1 cannot be used: %2")
                       .arg(secretLabel(config, e.secrets.constFirst()), e.keyErrors.constFirst());
        return e;
    }
    r.verdict = Verdict::Mismatch;
    r.detail = mismatchDetail(e, problem);
    return e;
}

Verifier::Verifier(Config config)
    : m_config(std::move(config))
{
    // Named once here rather than for each request that matches.
    for (qsizetype i = 0; i < m_config.secrets.size(); ++i)
        m_config.secrets[i].label = secretLabel(m_config, i);
}

Result Verifier::verify(const Http::Request &request, qint64 nowSeconds) const
{
    return evaluate(m_config, request, nowSeconds, false).diagnosis.result;
}

Diagnosis Verifier::diagnose(const Http::Request &request, qint64 nowSeconds) const
{
    Evaluation e = evaluate(m_config, request, nowSeconds, true);
    e.diagnosis.hints = hintsFor(e, m_config, request);
    return e.diagnosis;
}

} // namespace Signing
