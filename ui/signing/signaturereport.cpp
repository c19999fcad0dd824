#include "signaturereport.h"
#include "signaturebadge.h"

#include "session/summarystore.h"

#include <algorithm>

namespace Gui {

namespace {

using Signing::Verdict;

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

QString code(QByteArrayView bytes)
{
    return QStringLiteral("<code>%1</code>").arg(html(Signing::escapeForDisplay(bytes)));
}

/// `color` over the page's background at `amount` (0..1): a tint that reads on light and dark palettes.
QColor tint(const QColor &color, const QPalette &palette, qreal amount)
{
    const QColor base = palette.color(QPalette::Base);
    const auto mix = [amount](int a, int b) { return int(a * amount + b * (1 - amount)); };
    return QColor(mix(color.red(), base.red()), mix(color.green(), base.green()), mix(color.blue(), base.blue()));
}

QString heading(const QString &text, const QString &aside = {})
{
    return aside.isEmpty()
               ? QStringLiteral("<h4>%1</h4>").arg(html(text))
               : QStringLiteral("<h4>%1 <span style='font-weight:normal'>%2</span></h4>").arg(html(text), aside);
}

/// The received signature closest to `expected`: the one sharing the most at its start and end.
QByteArray closest(const QList<QByteArray> &received, const QByteArray &expected)
{
    QByteArray best;
    qsizetype bestShared = -1;
    for (const QByteArray &r : received) {
        qsizetype start = 0;
        while (start < r.size() && start < expected.size() && r[start] == expected[start])
            ++start;
        qsizetype end = 0;
        while (end < r.size() - start && end < expected.size() - start &&
               r[r.size() - 1 - end] == expected[expected.size() - 1 - end])
            ++end;
        if (start + end > bestShared) {
            bestShared = start + end;
            best = r;
        }
    }
    return best;
}

QString sentence(const QString &words)
{
    return words.isEmpty() ? words : words.left(1).toUpper() + words.mid(1);
}

} // namespace

int SignatureReport::toleranceFor(const QString &scheme, const Signing::Config &config)
{
    return config.toleranceSeconds.value(scheme, Signing::defaultToleranceSeconds(scheme));
}

QString SignatureReport::headline(const Session::CapturedRequest &request, const Signing::Config &config,
                                  const QPalette &palette)
{
    const Signing::Result &r = request.signature;
    const QString title = Signing::schemeTitle(r.scheme);
    const QColor color = SignatureBadge::color(r.verdict, palette);
    const QString colorName = (color.isValid() ? color : palette.color(QPalette::Text)).name();
    const auto head = [&colorName](const QString &inner) -> QString {
        return QStringLiteral("<h3 style='color:%1'>%2</h3>").arg(colorName, inner);
    };
    const auto para = [](const QString &text) -> QString { return QStringLiteral("<p>%1</p>").arg(html(text)); };
    const int tolerance = toleranceFor(r.scheme, config);
    const auto skew = [&]() -> QString {
        QString words = sentence(SignatureBadge::skewWords(r.skewSeconds));
        if (words.isEmpty())
            return {};
        if (tolerance > 0)
            words = tr("%1; tolerance %2 s.").arg(words).arg(tolerance);
        else
            words += QLatin1Char('.');
        return para(words);
    };

    if (request.rejected)
        return head(html(tr("Not checked"))) +
               para(tr("The request was rejected before it was complete, so its signature was not checked."));
    switch (r.verdict) {
    case Verdict::NotChecked:
        return head(html(tr("Not checked"))) +
               para(tr("This request was not verified: it was imported, or captured before signatures were "
                       "checked. The checks below use the secrets set now."));
    case Verdict::Unsigned:
        return head(html(tr("Not signed"))) +
               para(tr("No signature header of a scheme Hookscope knows is in this request."));
    case Verdict::NoSecret:
        return head(tr("No secret set for %1 — <a href='%2%3'>add one in Settings → Secrets</a>")
                        .arg(html(title.isEmpty() ? r.scheme : title), kSecretsLink, html(r.scheme))) +
               para(tr("The request is signed, but there is no secret to check it with."));
    case Verdict::Valid: {
        QString out = head(html(tr("✓ Valid %1 signature").arg(title)));
        if (!r.secretLabel.isEmpty())
            out += para(tr("Matched the secret “%1”.").arg(r.secretLabel));
        return out + skew();
    }
    default: // invalid, whatever the reason
        break;
    }
    QString out = head(
        html(title.isEmpty() ? tr("✗ Invalid signature: %1").arg(SignatureBadge::verdictWords(r.verdict))
                             : tr("✗ Invalid %1 signature: %2").arg(title, SignatureBadge::verdictWords(r.verdict))));
    // The verifier's own line, unless it says what the skew line says.
    const QString skewLine = skew();
    QString detail = r.detail;
    while (detail.endsWith(QLatin1Char('.')))
        detail.chop(1);
    if (!detail.isEmpty() && !skewLine.contains(html(detail), Qt::CaseInsensitive))
        out += para(sentence(r.detail));
    out += skewLine;
    if (!r.secretLabel.isEmpty())
        out += para(
            tr("The signature matched the secret “%1”, but its timestamp is out of tolerance.").arg(r.secretLabel));
    return out;
}

QString SignatureReport::signedText(QByteArrayView bytes, qsizetype limit)
{
    const auto lines = [](QByteArrayView part) {
        // A line break after each "\n", so a body reads as lines and a "\r" before it stands out.
        QString out;
        qsizetype from = 0;
        while (from < part.size()) {
            qsizetype nl = part.indexOf('\n', from);
            const qsizetype end = nl < 0 ? part.size() : nl + 1;
            out += Signing::escapeForDisplay(part.sliced(from, end - from));
            if (nl >= 0 && end < part.size())
                out += QLatin1Char('\n');
            from = end;
        }
        return out;
    };
    if (limit < 0 || bytes.size() <= limit)
        return lines(bytes);
    const qsizetype tail = limit / 4;
    const qsizetype head = limit - tail;
    return lines(bytes.first(head)) + QLatin1Char('\n') + tr("… %1 bytes not shown …").arg(bytes.size() - head - tail) +
           QLatin1Char('\n') + lines(bytes.last(tail));
}

std::pair<QString, QString> SignatureReport::markDifferences(const QString &a, const QString &b)
{
    qsizetype start = 0;
    while (start < a.size() && start < b.size() && a[start] == b[start])
        ++start;
    qsizetype end = 0;
    while (end < a.size() - start && end < b.size() - start && a[a.size() - 1 - end] == b[b.size() - 1 - end])
        ++end;
    const auto mark = [start, end](const QString &s) -> QString {
        const QString middle = s.mid(start, s.size() - start - end);
        return html(s.left(start)) +
               (middle.isEmpty() ? QString() : QStringLiteral("<span class='diff'>%1</span>").arg(html(middle))) +
               html(s.right(end));
    };
    return {mark(a), mark(b)};
}

QString SignatureReport::diagnostics(const Signing::Diagnosis &d, const Signing::Result &stored, bool showAll,
                                     const QPalette &palette)
{
    const QColor bad = SignatureBadge::color(Verdict::Mismatch, palette);
    const QColor good = SignatureBadge::color(Verdict::Valid, palette);
    QString out = QStringLiteral("<style>span.diff { background-color: %1; font-weight: bold; }</style>")
                      .arg(tint(bad, palette, 0.3).name());
    const Signing::Result &now = d.result;
    if (now.verdict != stored.verdict || now.scheme != stored.scheme) {
        const QString words = SignatureBadge::text(Session::SummaryStore::signatureOf(now).scheme, now.verdict);
        out += QStringLiteral("<p><i>%1</i></p>")
                   .arg(html(tr("With the secrets set now, this request checks as: %1. The table shows the result "
                                "kept in the session until re-checking reaches it.")
                                 .arg(words.isEmpty() ? SignatureBadge::verdictWords(now.verdict) : words)));
    }
    if (d.signedBytes.isEmpty() && d.received.isEmpty() && d.attempts.isEmpty() && d.hints.isEmpty())
        return out;

    if (!d.signedBytes.isEmpty()) {
        const bool cut = d.signedBytes.size() > kElideAbove;
        QString aside = tr("(%1 bytes) — <a href='%2'>copy</a>").arg(d.signedBytes.size()).arg(kCopyLink);
        if (cut)
            aside += QStringLiteral(" · <a href='%1'>%2</a>")
                         .arg(showAll ? kShowLessLink : kShowAllLink, showAll ? tr("show less") : tr("show all"));
        out += heading(tr("Signed bytes"), aside);
        const qsizetype limit = !cut ? -1 : (showAll ? kShowAllLimit : kElideAbove);
        out += QStringLiteral("<pre style='white-space:pre-wrap'>%1</pre>").arg(html(signedText(d.signedBytes, limit)));
        if (showAll && d.signedBytes.size() > kShowAllLimit)
            out += QStringLiteral("<p>%1</p>")
                       .arg(html(tr("Shown up to %1 bytes; copy gives them all.").arg(kShowAllLimit)));
    }
    if (!d.url.isEmpty())
        out += heading(tr("URL signed")) + QStringLiteral("<p><code>%1</code></p>").arg(html(d.url));
    if (!d.headerName.isEmpty()) {
        out += heading(tr("Signature header"), code(d.headerName));
        if (d.received.isEmpty())
            out += QStringLiteral("<p>%1</p>").arg(html(tr("No signature in it.")));
        for (const QByteArray &r : d.received)
            out += QStringLiteral("<p>%1 %2</p>").arg(html(tr("received")), code(r));
    }
    if (!d.attempts.isEmpty()) {
        out += heading(tr("Secrets tried"));
        out += QStringLiteral("<table cellspacing='2' cellpadding='2'>");
        for (const Signing::Attempt &a : d.attempts) {
            const QString mark = a.matched ? QStringLiteral("<b style='color:%1'>✓</b>").arg(good.name())
                                           : QStringLiteral("<b style='color:%1'>✗</b>").arg(bad.name());
            out += QStringLiteral("<tr><td>%1</td><td colspan='2'><b>%2</b> — %3</td></tr>")
                       .arg(mark, html(a.secretLabel), html(a.matched ? tr("matches") : tr("does not match")));
            const QString expected = Signing::escapeForDisplay(a.expected);
            const QByteArray other = a.matched ? QByteArray() : closest(d.received, a.expected);
            if (other.isEmpty()) {
                out += QStringLiteral("<tr><td></td><td>%1</td><td><code>%2</code></td></tr>")
                           .arg(html(tr("expected")), html(expected));
                continue;
            }
            const auto [e, r] = markDifferences(expected, Signing::escapeForDisplay(other));
            out += QStringLiteral("<tr><td></td><td>%1</td><td><code>%2</code></td></tr>").arg(html(tr("expected")), e);
            out += QStringLiteral("<tr><td></td><td>%1</td><td><code>%2</code></td></tr>").arg(html(tr("received")), r);
        }
        out += QStringLiteral("</table>");
    }
    if (!d.hints.isEmpty()) {
        out += heading(tr("Hints")) + QStringLiteral("<ul>");
        for (const QString &hint : d.hints)
            out += QStringLiteral("<li>%1</li>").arg(html(hint));
        out += QStringLiteral("</ul>");
    }
    return out;
}

} // namespace Gui
