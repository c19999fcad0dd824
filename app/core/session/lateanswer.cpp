#include "lateanswer.h"

namespace Session {

QByteArray LateAnswer::sourceName(Source source)
{
    switch (source) {
    case Source::Forward:
        return QByteArrayLiteral("forward");
    case Source::Timeout:
        return QByteArrayLiteral("timeout");
    case Source::Failed:
        return QByteArrayLiteral("failed");
    }
    return {};
}

LateAnswer::Source LateAnswer::sourceFromName(QByteArrayView name)
{
    if (name == "timeout")
        return Source::Timeout;
    if (name == "failed")
        return Source::Failed;
    return Source::Forward;
}

} // namespace Session
