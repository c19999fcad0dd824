#pragma once

#include "signing/signing.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

class QPainter;
class QPalette;
class QRectF;
class QStaticText;

namespace Gui {

/**
 * How a signature verdict reads in the request table: short text ("✓ GitHub", "✗ Stripe:
 * mismatch"), a colour, a tooltip, and a sort key. Everything is made from the two typed bytes a
 * summary row keeps (scheme and verdict), never from stored strings.
 */
class SignatureBadge
{
    Q_DECLARE_TR_FUNCTIONS(Gui::SignatureBadge)

public:
    /// The scheme id for a summary row's scheme byte (1 + index in Signing::schemeIds()), or "".
    static QString schemeId(quint8 scheme);
    /// "GitHub", or "" when the row has no scheme.
    static QString schemeTitle(quint8 scheme);
    /// "✓ GitHub", "✗ Stripe: mismatch", "GitHub: no secret"; empty for unsigned and not checked.
    static QString text(quint8 scheme, Signing::Verdict verdict);
    /// The verdict in a few words: "valid", "mismatch", "timestamp too old", "no secret", ...
    static QString verdictWords(Signing::Verdict verdict);
    /// Green for valid, red for invalid, amber for no secret; invalid QColor when there is no badge.
    static QColor color(Signing::Verdict verdict, const QPalette &palette);
    /// Lines for a tooltip. `full` adds the skew and the secret that matched when known.
    static QString toolTip(quint8 scheme, Signing::Verdict verdict, const Signing::Result *full);
    /// The skew in words: "signed 301 s before it arrived"; empty when there is none.
    static QString skewWords(qint64 skewSeconds);
    /// Orders rows by verdict, then by scheme title. Ascending puts what needs attention first:
    /// invalid (by reason), no secret, valid, then unsigned and not checked.
    static quint64 sortKey(quint8 scheme, quint8 verdict);
    /// Whether a row carries a signature worth a column: anything but unsigned and not checked.
    static bool isSigned(quint8 scheme, quint8 verdict);

    /// Paints `text` (laid out already) on a rounded tint of `color`, left in `cell`.
    static void paint(QPainter *painter, const QRectF &cell, const QStaticText &text, const QColor &color,
                      bool selected);
};

} // namespace Gui
