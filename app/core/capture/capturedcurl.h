#pragma once

#include "delivery/curlcommand.h"
#include "session/capturedrequest.h"

#include <QCoreApplication>

namespace Capture {

/// What Delivery::curlCommand() and curlDifferences() need of a captured request.
inline Delivery::CurlSource curlSource(const Session::CapturedRequest &captured)
{
    Delivery::CurlSource source;
    source.request = captured.request;
    source.tls = captured.tls;
    source.localPort = captured.localPort;
    if (captured.rejected) {
        source.rejectedBecause = captured.errorReason.isEmpty()
                                     ? QCoreApplication::translate("Capture::CurlSource", "it could not be read")
                                     : captured.errorReason;
    }
    return source;
}

} // namespace Capture
