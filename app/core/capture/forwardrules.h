#pragma once

#include "delivery/sender.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Capture {

/**
 * One forwarding rule (issue 11, Forward): which captured requests go on, to where, and with what
 * path. Beside the answer rules; the first enabled rule that matches forwards.
 */
struct ForwardRule
{
    QString name;
    bool enabled = true;
    QStringList methods;      ///< empty: any method
    QString pathPattern;      ///< glob on the path without its query; empty: any
    QList<QUrl> destinations; ///< http(s); a URL's own path goes in front of the request's
    /// A path rewrite, "/hooks/*" → "/api/webhooks/*": the n-th '*' of `rewriteTo` takes what the
    /// n-th '*' of `rewriteFrom` matched. A path `rewriteFrom` does not match goes unchanged; empty:
    /// no rewrite.
    QString rewriteFrom;
    QString rewriteTo;
    Delivery::RetryPolicy retry;
    /// The original sender gets the first destination's answer, or the configured answer when it
    /// has not come within answerTimeoutMs.
    bool answerFromForward = false;
    int answerTimeoutMs = 10'000;

    bool matches(QByteArrayView method, QByteArrayView target) const;
    /// The request-target to send to `destination` for a captured `target`: the path rewritten,
    /// the destination's path in front, the query as it came. Anything but an origin-form target
    /// ("*", an absolute form) goes unchanged.
    QByteArray targetFor(const QUrl &destination, QByteArrayView target) const;
    /// Why the rule cannot be used, in a sentence; empty when it can.
    QString problem() const;
};

/// The ordered forwarding rules. A value type: edited as a copy and handed over whole.
struct ForwardRules
{
    QList<ForwardRule> rules;

    /// Index of the rule that forwards, or -1.
    int match(QByteArrayView method, QByteArrayView target) const;
    bool isEmpty() const;
};

} // namespace Capture
