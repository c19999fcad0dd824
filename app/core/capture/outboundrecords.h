#pragma once

#include "delivery/sender.h"
#include "session/outbound.h"

namespace Capture {

/// What a session stores of a message the sender resolved: as composed, for History to reopen.
Session::OutboundMessagePtr outboundMessage(const Delivery::Prepared &prepared);
/// What a session stores of one attempt: the bytes sent and the answer, bodies up to `bodyLimit`.
Session::OutboundAttempt outboundAttempt(const Delivery::AttemptReport &report, qint64 bodyLimit);

} // namespace Capture
