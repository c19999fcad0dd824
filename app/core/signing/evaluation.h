#pragma once

// What Verifier::verify and Verifier::diagnose share: one pass over a request, keeping what the
// hints need to try variations.

#include "scheme.h"

namespace Signing {

struct Evaluation
{
    Diagnosis diagnosis;
    const Scheme *scheme = nullptr;
    Parsed parsed;
    Material material;
    bool urlGuessed = false;
    int toleranceSeconds = 0;
    /// The secrets of the scheme that apply to the request's path, by index into Config::secrets.
    QList<qsizetype> secrets;
    /// Their keys where usable, parallel to `secrets` (an unusable key has an error instead).
    QList<Key> keys;
    QStringList keyErrors;
};

/// `full`: try every secret and fill the diagnosis (attempts, signed bytes); otherwise stop at
/// the first match and keep only the result.
Evaluation evaluate(const Config &config, const Http::Request &request, qint64 nowSeconds, bool full);
/// The known traps that fit what the evaluation saw, each found by trying it.
QStringList hintsFor(const Evaluation &evaluation, const Config &config, const Http::Request &request);
/// "<label>", or "<scheme> secret <n>" counting from 1 within the scheme.
QString secretLabel(const Config &config, qsizetype index);

} // namespace Signing
