#pragma once

namespace Gui {

/// Installs the window's translation into the running application: the user's language where one
/// is compiled in, else English, whose numerus forms make "%n request(s)" read "1 request" and
/// "2 requests". Call once, after the QApplication is made.
void installTranslations();

} // namespace Gui
