#pragma once

#include "delivery/sender.h"
#include "session/outbound.h"
#include "session/outboundwriter.h"

#include <functional>

namespace Capture {

/// What a session stores of a message the sender resolved: as composed, for History to reopen.
Session::OutboundMessagePtr outboundMessage(const Delivery::Prepared &prepared);
/// What a session stores of one attempt: the bytes sent and the answer, bodies up to `bodyLimit`.
Session::OutboundAttempt outboundAttempt(const Delivery::AttemptReport &report, qint64 bodyLimit);

/// Hands everything `sender` sends — each message as it is prepared, each attempt as it ends — to
/// `submit` (a session writer's or a WriterHub's), in the sender's order.
void storeSentBy(Delivery::Sender *sender, std::function<void(const Session::OutboundBatch &)> submit);

} // namespace Capture
