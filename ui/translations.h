#pragma once

namespace Gui {

/// Installs the window's translations into the running application: English, whose numerus forms
/// make "%n request(s)" read "1 request" and "2 requests", and over it the user's language where one
/// is compiled in (what it leaves untranslated reads as English), with Qt's own translation for it
/// where the system has one. Call once, after the QApplication is made.
void installTranslations();

} // namespace Gui
