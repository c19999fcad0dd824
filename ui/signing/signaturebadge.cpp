#include "signaturebadge.h"

#include "session/summarystore.h"

#include <QGuiApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStaticText>

#include <algorithm>
#include <array>

namespace Gui {

namespace {

using Signing::Verdict;

const QStringList &schemeList()
{
    static const QStringList ids = Signing::schemeIds();
    return ids;
}

/// Rank of each scheme byte by its title, so sorting groups GitHub before Stripe.
const std::array<quint8, 256> &schemeRanks()
{
    static const std::array<quint8, 256> ranks = [] {
        std::array<quint8, 256> r{};
        QList<std::pair<QString, int>> titled;
        for (int i = 0; i < schemeList().size(); ++i)
            titled.append({Signing::schemeTitle(schemeList().at(i)).toLower(), i + 1});
        std::sort(titled.begin(), titled.end());
        for (qsizetype i = 0; i < titled.size(); ++i)
            r[size_t(titled.at(i).second)] = quint8(i + 1);
        // Bytes naming no known scheme (a newer file) go after every known one.
        for (size_t b = size_t(titled.size()) + 1; b < r.size(); ++b)
            r[b] = 0xff;
        return r;
    }();
    return ranks;
}

bool dark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

QString SignatureBadge::schemeId(quint8 scheme)
{
    Session::RequestSummary row;
    row.signatureScheme = scheme;
    return Session::SummaryStore::schemeId(row);
}

QString SignatureBadge::schemeTitle(quint8 scheme)
{
    return Signing::schemeTitle(schemeId(scheme));
}

QString SignatureBadge::verdictWords(Verdict verdict)
{
    switch (verdict) {
    case Verdict::NotChecked:
        return tr("not checked");
    case Verdict::Unsigned:
        return tr("not signed");
    case Verdict::NoSecret:
        return tr("no secret");
    case Verdict::Valid:
        return tr("valid");
    case Verdict::Mismatch:
        return tr("mismatch");
    case Verdict::TimestampTooOld:
        return tr("timestamp too old");
    case Verdict::TimestampTooNew:
        return tr("timestamp too new");
    case Verdict::MalformedHeader:
        return tr("malformed header");
    case Verdict::MissingHeader:
        return tr("missing header");
    }
    return tr("unknown verdict");
}

QString SignatureBadge::text(quint8 scheme, Verdict verdict)
{
    const QString title = schemeTitle(scheme);
    switch (verdict) {
    case Verdict::NotChecked:
    case Verdict::Unsigned:
        return {};
    case Verdict::Valid:
        return title.isEmpty() ? QStringLiteral("✓") : QString(QStringLiteral("✓ ") + title);
    case Verdict::NoSecret:
        return title.isEmpty() ? verdictWords(verdict) : tr("%1: no secret").arg(title);
    default: // invalid, whatever the reason
        break;
    }
    // Invalid, or a verdict byte from a newer version: say the words we have.
    if (title.isEmpty())
        return QStringLiteral("✗ ") + verdictWords(verdict);
    return QStringLiteral("✗ ") + title + QStringLiteral(": ") + verdictWords(verdict);
}

QColor SignatureBadge::color(Verdict verdict, const QPalette &palette)
{
    const bool d = dark(palette);
    switch (verdict) {
    case Verdict::NotChecked:
    case Verdict::Unsigned:
        return {};
    case Verdict::Valid:
        return d ? QColor(95, 211, 122) : QColor(30, 123, 52);
    case Verdict::NoSecret:
        return d ? QColor(240, 166, 70) : QColor(150, 96, 0);
    default: // invalid, whatever the reason
        break;
    }
    return d ? QColor(255, 107, 94) : QColor(192, 40, 32);
}

QString SignatureBadge::skewWords(qint64 skewSeconds)
{
    if (skewSeconds > 0)
        return tr("signed %1 s before it arrived").arg(skewSeconds);
    if (skewSeconds < 0)
        return tr("signed %1 s after it arrived (a clock ahead)").arg(-skewSeconds);
    return {};
}

QString SignatureBadge::toolTip(quint8 scheme, Verdict verdict, const Signing::Result *full)
{
    const QString title = schemeTitle(scheme);
    QStringList lines;
    switch (verdict) {
    case Verdict::NotChecked:
        return {};
    case Verdict::Unsigned:
        return tr("Not signed");
    case Verdict::Valid:
        lines << tr("Valid %1 signature").arg(title);
        break;
    case Verdict::NoSecret:
        lines << tr("Signed with %1, but no secret is set for it").arg(title);
        break;
    default:
        lines << (title.isEmpty() ? tr("Invalid signature: %1").arg(verdictWords(verdict))
                                  : tr("Invalid %1 signature: %2").arg(title, verdictWords(verdict)));
        break;
    }
    if (full) {
        if (!full->secretLabel.isEmpty())
            lines << tr("Matched: %1").arg(full->secretLabel);
        if (const QString skew = skewWords(full->skewSeconds); !skew.isEmpty())
            lines << skew.left(1).toUpper() + skew.mid(1);
        if (!full->detail.isEmpty())
            lines << full->detail;
    }
    lines << tr("The Signature tab shows why");
    return lines.join(QLatin1Char('\n'));
}

quint64 SignatureBadge::sortKey(quint8 scheme, quint8 verdict)
{
    static constexpr quint8 rank[] = {
        8, // NotChecked
        7, // Unsigned
        5, // NoSecret
        6, // Valid
        0, // Mismatch
        1, // TimestampTooOld
        2, // TimestampTooNew
        3, // MalformedHeader
        4, // MissingHeader
    };
    const quint64 v = verdict < std::size(rank) ? rank[verdict] : std::size(rank);
    return v << 8 | schemeRanks()[scheme];
}

bool SignatureBadge::isSigned(quint8 scheme, quint8 verdict)
{
    return scheme != 0 || (verdict != quint8(Verdict::NotChecked) && verdict != quint8(Verdict::Unsigned));
}

void SignatureBadge::paint(QPainter *painter, const QRectF &cell, const QStaticText &text, const QColor &color,
                           bool selected)
{
    const QSizeF size = text.size();
    constexpr qreal padX = 6;
    constexpr qreal padY = 1;
    const qreal height = std::min(cell.height() - 2, size.height() + 2 * padY);
    const qreal width = std::min(cell.width() - 4, size.width() + 2 * padX);
    const QRectF pill(cell.left() + 3, cell.top() + (cell.height() - height) / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor fill = selected ? QColor(255, 255, 255) : color;
    fill.setAlpha(selected ? 200 : 40);
    QColor border = color;
    border.setAlpha(selected ? 255 : 110);
    painter->setPen(QPen(border, 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(pill, height / 2, height / 2);
    painter->setPen(color.darker(selected ? 130 : 100));
    painter->drawStaticText(QPointF(pill.left() + padX, pill.top() + (height - size.height()) / 2), text);
    painter->restore();
}

} // namespace Gui
