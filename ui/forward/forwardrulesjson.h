#pragma once

#include "capture/forwardrules.h"

#include <QByteArray>
#include <QString>

namespace Gui::ForwardRulesJson {

/// The forwarding rules as kept in the settings: `{"version":1,"rules":[{...}]}`.
QByteArray toJson(const Capture::ForwardRules &rules);
/// Reads what toJson() wrote. False, with a sentence in `error`, for anything else (the rules
/// are then left empty: forwarding stays off rather than half on).
bool fromJson(const QByteArray &json, Capture::ForwardRules *rules, QString *error);

} // namespace Gui::ForwardRulesJson
