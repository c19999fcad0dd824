#include "lateanswers.h"

#include "capture/captureengine.h"
#include "recordsource.h"
#include "requestdetail.h"

namespace Gui {

LateAnswers::LateAnswers(Capture::CaptureEngine *engine, RecordSource *records, RequestDetail *detail, QObject *parent)
    : QObject(parent)
{
    connect(engine, &Capture::CaptureEngine::answeredLate, this, [records, detail](const Session::LateAnswer &answer) {
        records->updateLateAnswer(answer);
        detail->updateLateAnswer(answer);
    });
}

} // namespace Gui
