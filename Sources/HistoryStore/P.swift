public enum HSP {}
