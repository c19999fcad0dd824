#pragma once

#include "answerspec.h"
#include "http/glob.h"
#include "signing/signing.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace Capture {

/// One rule: which requests it answers and how. A rule may answer a sequence, e.g. 500, 500,
/// then 200, to exercise a sender's retries.
struct ResponseRule
{
    QString name;
    bool enabled = true;
    QStringList methods; ///< empty: any method; compared case-sensitively, as HTTP methods are
    QString pathPattern; ///< glob on the path (target without its query): '*' any run, '?' one character; empty: any
    QList<AnswerSpec> answers; ///< in turn for successive matching requests; the last repeats
    bool cycle = false;        ///< start the sequence over after its last answer instead
    /// Only requests whose signature verdict is this: "invalid" (any reason), or a status or reason
    /// as Signing::statusName/reasonName spell them ("valid", "unsigned", "mismatch", ...); empty: any.
    QString signature;

    bool matches(QByteArrayView method, QByteArrayView target,
                 Signing::Verdict verdict = Signing::Verdict::NotChecked) const;
    /// Whether it can answer anything: enabled, with at least one answer.
    bool isOn() const { return enabled && !answers.isEmpty(); }
    /// What the user knows it by: its name, or else what it matches ("POST /github/*",
    /// "any /hooks/* (signature invalid)"). Kept with each request it answers, so the request
    /// still says which rule it was after the rule is renamed or deleted.
    QString label() const;
    /// Whether `word` is something `signature` may hold.
    static bool isSignatureCondition(const QString &word);
};

/**
 * The ordered answer rules: the first enabled rule that matches answers; otherwise the default.
 * A value type: the GUI edits a copy and hands it to the capture thread whole.
 */
struct ResponseRules
{
    Q_DECLARE_TR_FUNCTIONS(Capture::ResponseRules)

public:
    QList<ResponseRule> rules;
    AnswerSpec fallback;

    /// Index of the rule that answers, or -1 for the default.
    int match(QByteArrayView method, QByteArrayView target,
              Signing::Verdict verdict = Signing::Verdict::NotChecked) const;

    /// Whether these rules answer anything otherwise than a fresh Hookscope would: a rule is on,
    /// or the default answer was changed.
    bool changesAnswers() const;

    QByteArray toJson() const;
    static bool fromJson(const QByteArray &json, ResponseRules *out, QString *error);
};

/// Whether a request is one a rule names: `methods` (empty: any; case-sensitive, as HTTP methods
/// are) and `pathPattern`, a glob on the path without its query (empty: any).
bool methodAndPathMatch(const QStringList &methods, const QString &pathPattern, QByteArrayView method,
                        QByteArrayView target);

/// Kept under its old name for callers that match rule paths; it lives in http/ now.
using Http::globMatch;

} // namespace Capture
