package dev.spillway.app.tray;

/** The tray icon's four looks; each has its PNGs under {@code /dev/spillway/app/icons/tray-<name>-<size>.png}. */
public enum TrayIconState {
    SERVING("serving"), FALLBACK("fallback"), STOPPED("stopped"), ERROR("error");

    private final String fileName;

    TrayIconState(String fileName) {
        this.fileName = fileName;
    }

    /** The class-path resource of this state's icon at {@code size} pixels (16, 22, 24, 32, 48 or 64). */
    public String resource(int size) {
        int[] sizes = {16, 22, 24, 32, 48, 64};
        int chosen = sizes[sizes.length - 1];
        for (int candidate : sizes) {
            if (candidate >= size) {
                chosen = candidate;
                break;
            }
        }
        return "/dev/spillway/app/icons/tray-" + fileName + "-" + chosen + ".png";
    }
}
