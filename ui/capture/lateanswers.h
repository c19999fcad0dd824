#pragma once

#include <QObject>

namespace Capture {
class CaptureEngine;
}

namespace Gui {

class RecordSource;
class RequestDetail;

/**
 * Keeps what the window shows of a request current when its sender is answered late, after the
 * request was shown (it waited for its forward's answer): the record kept for quick selection
 * gains the answer, and the detail says it if the request is shown.
 */
class LateAnswers : public QObject
{
    Q_OBJECT

public:
    LateAnswers(Capture::CaptureEngine *engine, RecordSource *records, RequestDetail *detail, QObject *parent);
};

} // namespace Gui
