#pragma once

#include "session/capturedrequest.h"

#include <QCoreApplication>
#include <QPalette>
#include <QString>

namespace Gui {

/**
 * The Signature tab's text as HTML: a headline from the stored result, then the diagnostics of
 * Verifier::diagnose (the exact signed bytes escaped, the URL, the header and the signatures
 * received, each secret tried with its expected signature, the hints). Pure functions, so the tab
 * stays a thin widget and tests can read what a user reads.
 */
class SignatureReport
{
    Q_DECLARE_TR_FUNCTIONS(Gui::SignatureReport)

public:
    /// Links the HTML carries; the tab acts on them.
    static constexpr QLatin1String kSecretsLink{"hookscope:secrets/"}; ///< followed by the scheme id
    static constexpr QLatin1String kCopyLink{"hookscope:copy-signed"};
    static constexpr QLatin1String kShowAllLink{"hookscope:show-all"};
    static constexpr QLatin1String kShowLessLink{"hookscope:show-less"};

    /// Signed bytes longer than this are shown cut in the middle until "show all" is asked for.
    static constexpr qsizetype kElideAbove = 4096;
    /// "Show all" stops here: a document of many megabytes would freeze the window.
    static constexpr qsizetype kShowAllLimit = 1024 * 1024;

    /// What the request's stored verdict says, in a sentence or two.
    static QString headline(const Session::CapturedRequest &request, const Signing::Config &config,
                            const QPalette &palette);
    /// The diagnostics. `stored` is the verdict the table shows: when checking now gives another
    /// one (the secrets changed and re-checking is under way), the diagnostics say so.
    static QString diagnostics(const Signing::Diagnosis &diagnosis, const Signing::Result &stored, bool showAll,
                               const QPalette &palette);
    /// The signed bytes for display: escaped, with a line break after each "\n" so a body reads as
    /// lines; `limit` bytes at most, cut in the middle (negative: no limit).
    static QString signedText(QByteArrayView bytes, qsizetype limit);
    /// `a` and `b` as HTML with the part where they differ marked (common start and end plain).
    static std::pair<QString, QString> markDifferences(const QString &a, const QString &b);
    /// The tolerance that applies to `scheme` under `config`, in seconds (0: none).
    static int toleranceFor(const QString &scheme, const Signing::Config &config);
};

} // namespace Gui
