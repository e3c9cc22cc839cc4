/**
 * Schedules that fire: the scheduler that runs beside the engine (claims each due
 * time once in SQLite, calls the function or state machine with the event AWS would
 * send, handles downtime by a documented missed-fire policy), the listing
 * `stratus schedules` prints, and the tail that follows fires from any process.
 */
export {Scheduler, type SchedulerOptions, type SchedulerTimer, type SchedulerWorkspace} from './scheduler.js';
export {ScheduleService, scheduleFacts, defaultScheduleFacts, DEFAULT_MAXIMUM_EVENT_AGE_SECONDS, type ScheduleFacts} from './scheduleFacts.js';
export {scheduledEvent, targetInput, eventTime, type FireContext, type TargetInput} from './targetInput.js';
export {callTarget, resolveTarget, type TargetHost, type TargetKind} from './scheduleTarget.js';
export {dueAfter, timeSchedule, timingFingerprint, type TimedSchedule} from './scheduleTiming.js';
export {listSchedules, fireRecord, fireLine, type ScheduleListing, type FireRecord} from './scheduleListing.js';
export {tailFires, type TailOptions} from './fireTail.js';
export {CLOCK_OFFSET_VARIABLE, clockOffsetMs, schedulerNow} from './schedulerClock.js';
