// Generated from the gateway's OpenAPI document by `pnpm --filter @tochka/web gen:api`. Do not edit.
// After changing a gateway route: run that command and commit this file with the change.

export interface paths {
    "/api/agreements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Соглашения: по стороне, статусу, направлению, дате действия */
        get: {
            parameters: {
                query?: {
                    direction?: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                    limit?: number;
                    page?: number;
                    party?: string;
                    status?: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                    validOn?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                activatedAt?: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                                /** Format: date-time */
                                expiredAt?: string;
                                id: string;
                                notes?: string;
                                number: string;
                                parties: {
                                    organizationId: string;
                                    /** @enum {string} */
                                    organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                    organizationName: string;
                                    responsible: {
                                        /** Format: email */
                                        email?: string;
                                        name: string;
                                        phone?: string;
                                        position?: string;
                                    };
                                }[];
                                previousAgreementId?: string;
                                /** Format: date-time */
                                proposedAt?: string;
                                signatures: {
                                    organizationId: string;
                                    /** Format: date-time */
                                    signedAt: string;
                                    userId: string;
                                }[];
                                /** @enum {string} */
                                status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                                /** Format: date-time */
                                terminatedAt?: string;
                                /** Format: date */
                                terminatedOn?: string;
                                terminationReason?: string;
                                title: string;
                                /** Format: date */
                                validFrom: string;
                                /** Format: date */
                                validTo: string;
                                version: number;
                                withdrawalReason?: string;
                                /** Format: date-time */
                                withdrawnAt?: string;
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Создать проект соглашения
         * @description Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает тот же проект и ничего не создаёт.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Ключ идемпотентности (1–200 печатных латинских символов): повтор с тем же ключом вернёт первый ответ и ничего не создаст */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                        notes?: string;
                        number: string;
                        parties: {
                            organizationId: string;
                            responsible: {
                                /** Format: email */
                                email?: string;
                                name: string;
                                phone?: string;
                                position?: string;
                            };
                        }[];
                        title: string;
                        /** Format: date */
                        validFrom: string;
                        /** Format: date */
                        validTo: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Соглашение с журналом подписей */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/{id}/propose": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Направить сторонам на подпись */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/{id}/renew": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Продлить: новый проект на следующий период, связанный с этим */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        number?: string;
                        /** Format: date */
                        validFrom?: string;
                        /** Format: date */
                        validTo?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/{id}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Подписать от имени своей организации */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        organizationId?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/{id}/terminate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Расторгнуть досрочно с указанием причины (координатор) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отозвать проект или неподписанное соглашение */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Загрузить подписанное на бумаге соглашение с датами подписей (координатор; повтор не создаёт дубликат) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agreement: {
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                        };
                        /** @constant */
                        awaitingSignatures?: true;
                        signedOn: {
                            [key: string]: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            activatedAt?: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            directions: ("robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work")[];
                            /** Format: date-time */
                            expiredAt?: string;
                            id: string;
                            notes?: string;
                            number: string;
                            parties: {
                                organizationId: string;
                                /** @enum {string} */
                                organizationKind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                organizationName: string;
                                responsible: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                            }[];
                            previousAgreementId?: string;
                            /** Format: date-time */
                            proposedAt?: string;
                            signatures: {
                                organizationId: string;
                                /** Format: date-time */
                                signedAt: string;
                                userId: string;
                            }[];
                            /** @enum {string} */
                            status: "draft" | "proposed" | "active" | "expired" | "terminated" | "withdrawn";
                            /** Format: date-time */
                            terminatedAt?: string;
                            /** Format: date */
                            terminatedOn?: string;
                            terminationReason?: string;
                            title: string;
                            /** Format: date */
                            validFrom: string;
                            /** Format: date */
                            validTo: string;
                            version: number;
                            withdrawalReason?: string;
                            /** Format: date-time */
                            withdrawnAt?: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/agreements/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Партнёры организации по соглашениям, действующим на дату */
        get: {
            parameters: {
                query: {
                    date: string;
                    organizationId: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date */
                            date: string;
                            organizationId: string;
                            partners: {
                                agreementIds: string[];
                                organizationId: string;
                                organizationName: string;
                            }[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Журнал действий: кто, когда, с какого адреса и что сделал с соглашением, мероприятием, записью (координатор)
         * @description Новые сверху. objectId — записи об объекте (для мероприятия — и о записях групп на него); userId — действия пользователя; from/to — период.
         */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    limit?: number;
                    objectId?: string;
                    page?: number;
                    to?: string;
                    userId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                action: string;
                                actor: {
                                    organizationId: string;
                                    /** @enum {string} */
                                    role: "coordinator" | "centre_head" | "kindergarten" | "staff";
                                    userId: string;
                                };
                                address: string;
                                /** Format: date-time */
                                at: string;
                                correlationId?: string;
                                eventId?: string;
                                id: string;
                                method: string;
                                object: {
                                    id?: string;
                                    type: string;
                                };
                                result: {
                                    status?: string;
                                    version?: number;
                                };
                                route: string;
                                status: number;
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Вход по e-mail и паролю */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            accessToken: string;
                            expiresIn: number;
                            /** @constant */
                            tokenType: "Bearer";
                        };
                    };
                };
                400: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar-subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Мои подписки на календари (без секретных адресов) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                id: string;
                                name: string;
                                scope: {
                                    /** @constant */
                                    kind: "organization";
                                    organizationId: string;
                                } | {
                                    agreementId: string;
                                    /** @constant */
                                    kind: "agreement";
                                } | {
                                    festivalId: string;
                                    /** @constant */
                                    kind: "festival";
                                } | {
                                    /** @constant */
                                    kind: "plan";
                                } | {
                                    /** @constant */
                                    kind: "mine";
                                };
                            }[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Подписаться на календарь: организации, соглашения, фестиваля, плана района или «мои мероприятия»
         * @description Ответ — единственный раз, когда сообщается секретный адрес календаря. Заголовок Idempotency-Key: повтор запроса с тем же ключом сообщает тот же адрес и второй подписки не создаёт.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Ключ идемпотентности (1–200 печатных латинских символов): повтор с тем же ключом вернёт первый ответ и ничего не создаст */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        scope: {
                            /** @constant */
                            kind: "organization";
                            organizationId: string;
                        } | {
                            agreementId: string;
                            /** @constant */
                            kind: "agreement";
                        } | {
                            festivalId: string;
                            /** @constant */
                            kind: "festival";
                        } | {
                            /** @constant */
                            kind: "plan";
                        } | {
                            /** @constant */
                            kind: "mine";
                        };
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            id: string;
                            name: string;
                            scope: {
                                /** @constant */
                                kind: "organization";
                                organizationId: string;
                            } | {
                                agreementId: string;
                                /** @constant */
                                kind: "agreement";
                            } | {
                                festivalId: string;
                                /** @constant */
                                kind: "festival";
                            } | {
                                /** @constant */
                                kind: "plan";
                            } | {
                                /** @constant */
                                kind: "mine";
                            };
                            /** Format: uri */
                            url: string;
                            webcalUrl: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendar-subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Отозвать подписку: её адрес перестаёт работать */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Мероприятия: по периоду, организации, соглашению, фестивалю, статусу, формату */
        get: {
            parameters: {
                query?: {
                    agreement?: string;
                    direction?: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                    festival?: string;
                    from?: string;
                    kind?: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                    limit?: number;
                    org?: string;
                    page?: number;
                    status?: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Предложить мероприятие (руководитель центра — от своей организации; координатор — от любой)
         * @description Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает то же предложение и ничего не создаёт.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Ключ идемпотентности (1–200 печатных латинских символов): повтор с тем же ключом вернёт первый ответ и ничего не создаст */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agreementId?: string;
                        audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                        capacity?: {
                            groups?: number;
                            seats?: number;
                        };
                        contact?: {
                            /** Format: email */
                            email?: string;
                            name: string;
                            phone?: string;
                        };
                        /** @default  */
                        description?: string;
                        /** @enum {string} */
                        direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                        /** Format: date-time */
                        end: string;
                        festivalId?: string;
                        grades?: string;
                        hostId: string;
                        /** @enum {string} */
                        kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                        /** @default [] */
                        partners?: string[];
                        /** Format: date-time */
                        registrationDeadline?: string;
                        /** Format: date-time */
                        start: string;
                        title: string;
                        venue: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            };
                            warnings: string[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Мероприятие */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agreementId?: string;
                            approvalComment?: string;
                            atRiskReason?: string;
                            audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                            cancellationReason?: string;
                            /** Format: date-time */
                            cancelledAt?: string;
                            capacity?: {
                                groups?: number;
                                seats?: number;
                            };
                            contact: {
                                /** Format: email */
                                email?: string;
                                name: string;
                                phone?: string;
                            };
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** @enum {string} */
                            direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                            /** Format: date-time */
                            end: string;
                            festivalId?: string;
                            grades?: string;
                            host: {
                                organizationId: string;
                                organizationName: string;
                            };
                            id: string;
                            /** @enum {string} */
                            kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                            partners: {
                                organizationId: string;
                                organizationName: string;
                            }[];
                            proposedBy: {
                                organizationId: string;
                                userId: string;
                            };
                            /** Format: date-time */
                            registrationDeadline?: string;
                            rejectionReason?: string;
                            report?: {
                                notes?: string;
                                participants: number;
                            };
                            sequence: number;
                            /** Format: date-time */
                            start: string;
                            /** @enum {string} */
                            status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                            title: string;
                            /** Format: date-time */
                            updatedAt: string;
                            venue: {
                                address: string;
                                roomCapacity: number;
                                roomKey: string;
                                roomName: string;
                            };
                            version: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Изменить описание, помещение, партнёров, вместимость и другие поля */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agreementId?: string;
                        audience?: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                        capacity?: {
                            groups?: number;
                            seats?: number;
                        };
                        contact?: {
                            /** Format: email */
                            email?: string;
                            name: string;
                            phone?: string;
                        };
                        description?: string;
                        /** @enum {string} */
                        direction?: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                        festivalId?: string;
                        grades?: string;
                        /** @enum {string} */
                        kind?: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                        partners?: string[];
                        /** Format: date-time */
                        registrationDeadline?: string;
                        title?: string;
                        venue?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            };
                            warnings: string[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/events/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Согласовать и включить в план района (координатор) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        comment?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            };
                            warnings: string[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/attendance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отметить посещаемость после мероприятия (руководитель центра-организатора, координатор) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        records: {
                            actualChildren: number;
                            attended: boolean;
                            registrationId: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                address: string;
                                /** Format: date-time */
                                end: string;
                                hostId: string;
                                hostName: string;
                                id: string;
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                title: string;
                                venueName: string;
                            };
                            items: {
                                adults: {
                                    name: string;
                                    phone: string;
                                }[];
                                ageBand?: string;
                                /** Format: date-time */
                                anonymizedAt?: string;
                                attendance?: {
                                    actualChildren: number;
                                    attended: boolean;
                                    /** Format: date-time */
                                    recordedAt: string;
                                };
                                cancellationReason?: string;
                                children: number;
                                /** Format: email */
                                contactEmail: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                eventId: string;
                                groupName: string;
                                id: string;
                                notes?: string;
                                organizationId: string;
                                organizationName: string;
                                /** @enum {string} */
                                status: "confirmed" | "waitlisted" | "cancelled";
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                                waitlistPosition?: number;
                            }[];
                            totals: {
                                actualChildren: number;
                                attendedGroups: number;
                                confirmedChildren: number;
                                confirmedGroups: number;
                                noShowGroups: number;
                                recordedGroups: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отменить с указанием причины */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            };
                            warnings: string[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Мероприятие файлом .ics (для импорта в календарь), время московское */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/calendar": string;
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/registration-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Условия записи: не больше N групп от одной организации (руководитель центра-организатора, координатор) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        maxGroupsPerOrganization: number | null;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            capacity?: {
                                groups?: number;
                                seats?: number;
                            };
                            confirmedChildren: number;
                            confirmedGroups: number;
                            event: {
                                address: string;
                                /** Format: date-time */
                                end: string;
                                hostId: string;
                                hostName: string;
                                id: string;
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                title: string;
                                venueName: string;
                            };
                            freeGroups?: number;
                            freeSeats?: number;
                            maxGroupsPerOrganization?: number;
                            open: boolean;
                            /** Format: date-time */
                            registrationDeadline: string;
                            /** @enum {string} */
                            status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                            waitlistedChildren: number;
                            waitlistedGroups: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Записи на мероприятие в порядке поступления и свободные места
         * @description Руководитель центра-организатора и координатор видят все записи, остальные — только записи своей организации.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            availability: {
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                confirmedChildren: number;
                                confirmedGroups: number;
                                event: {
                                    address: string;
                                    /** Format: date-time */
                                    end: string;
                                    hostId: string;
                                    hostName: string;
                                    id: string;
                                    sequence: number;
                                    /** Format: date-time */
                                    start: string;
                                    title: string;
                                    venueName: string;
                                };
                                freeGroups?: number;
                                freeSeats?: number;
                                maxGroupsPerOrganization?: number;
                                open: boolean;
                                /** Format: date-time */
                                registrationDeadline: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                waitlistedChildren: number;
                                waitlistedGroups: number;
                            };
                            items: {
                                adults: {
                                    name: string;
                                    phone: string;
                                }[];
                                ageBand?: string;
                                /** Format: date-time */
                                anonymizedAt?: string;
                                attendance?: {
                                    actualChildren: number;
                                    attended: boolean;
                                    /** Format: date-time */
                                    recordedAt: string;
                                };
                                cancellationReason?: string;
                                children: number;
                                /** Format: email */
                                contactEmail: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                eventId: string;
                                groupName: string;
                                id: string;
                                notes?: string;
                                organizationId: string;
                                organizationName: string;
                                /** @enum {string} */
                                status: "confirmed" | "waitlisted" | "cancelled";
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                                waitlistPosition?: number;
                            }[];
                            /** @enum {string} */
                            scope: "all" | "own";
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Записать группу своей организации на мероприятие
         * @description Подтверждается, пока есть места; иначе — лист ожидания с номером очереди. Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает ту же запись и ничего не создаёт (в ответе заголовок Idempotent-Replayed: true).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Ключ идемпотентности (1–200 печатных латинских символов): повтор с тем же ключом вернёт первый ответ и ничего не создаст */
                    "Idempotency-Key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        adults: {
                            name: string;
                            phone: string;
                        }[];
                        ageBand?: string;
                        children: number;
                        /** Format: email */
                        contactEmail: string;
                        groupName: string;
                        notes?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        /** @description «true», если это повтор ответа на запрос с тем же Idempotency-Key */
                        "Idempotent-Replayed"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adults: {
                                name: string;
                                phone: string;
                            }[];
                            ageBand?: string;
                            /** Format: date-time */
                            anonymizedAt?: string;
                            attendance?: {
                                actualChildren: number;
                                attended: boolean;
                                /** Format: date-time */
                                recordedAt: string;
                            };
                            cancellationReason?: string;
                            children: number;
                            /** Format: email */
                            contactEmail: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            event: {
                                address: string;
                                /** Format: date-time */
                                end: string;
                                hostId: string;
                                hostName: string;
                                id: string;
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                title: string;
                                venueName: string;
                            };
                            eventId: string;
                            groupName: string;
                            id: string;
                            notes?: string;
                            organizationId: string;
                            organizationName: string;
                            /** @enum {string} */
                            status: "confirmed" | "waitlisted" | "cancelled";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                            waitlistPosition?: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отклонить с указанием причины (координатор) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            };
                            warnings: string[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отметить проведённым: число участников и краткий отчёт (после окончания) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        notes?: string;
                        participants: number;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            };
                            warnings: string[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/events/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Перенести на другое время (то же мероприятие; SEQUENCE в iCal растёт) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: date-time */
                        end: string;
                        /** Format: date-time */
                        registrationDeadline?: string;
                        /** Format: date-time */
                        start: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            event: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            };
                            warnings: string[];
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/festivals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Фестивали */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    page?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** Format: date */
                                endDate: string;
                                id: string;
                                name: string;
                                /** Format: date */
                                startDate: string;
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /** Объявить фестиваль (координатор) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default  */
                        description?: string;
                        /** Format: date */
                        endDate: string;
                        name: string;
                        /** Format: date */
                        startDate: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** Format: date */
                            endDate: string;
                            id: string;
                            name: string;
                            /** Format: date */
                            startDate: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/festivals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Фестиваль с программой */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            createdAt: string;
                            description: string;
                            /** Format: date */
                            endDate: string;
                            id: string;
                            name: string;
                            program: {
                                agreementId?: string;
                                approvalComment?: string;
                                atRiskReason?: string;
                                audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                cancellationReason?: string;
                                /** Format: date-time */
                                cancelledAt?: string;
                                capacity?: {
                                    groups?: number;
                                    seats?: number;
                                };
                                contact: {
                                    /** Format: email */
                                    email?: string;
                                    name: string;
                                    phone?: string;
                                };
                                /** Format: date-time */
                                createdAt: string;
                                description: string;
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                /** Format: date-time */
                                end: string;
                                festivalId?: string;
                                grades?: string;
                                host: {
                                    organizationId: string;
                                    organizationName: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                partners: {
                                    organizationId: string;
                                    organizationName: string;
                                }[];
                                proposedBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                /** Format: date-time */
                                registrationDeadline?: string;
                                rejectionReason?: string;
                                report?: {
                                    notes?: string;
                                    participants: number;
                                };
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                /** @enum {string} */
                                status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                title: string;
                                /** Format: date-time */
                                updatedAt: string;
                                venue: {
                                    address: string;
                                    roomCapacity: number;
                                    roomKey: string;
                                    roomName: string;
                                };
                                version: number;
                            }[];
                            /** Format: date */
                            startDate: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Текущий пользователь, его роль и организация */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            id: string;
                            name: string;
                            organizationId: string;
                            /** @enum {string} */
                            role: "coordinator" | "centre_head" | "kindergarten" | "staff";
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Мои настройки уведомлений по категориям писем */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: {
                                /** @enum {string} */
                                category: "agreement_signing" | "agreements" | "event_approval" | "event_invitations" | "event_changes" | "registration_results" | "registration_updates" | "reminders" | "digest";
                                enabled: boolean;
                                label: string;
                                mandatory: boolean;
                            }[];
                            preferences: {
                                agreement_signing: boolean;
                                agreements: boolean;
                                digest: boolean;
                                event_approval: boolean;
                                event_changes: boolean;
                                event_invitations: boolean;
                                registration_results: boolean;
                                registration_updates: boolean;
                                reminders: boolean;
                            };
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        /** Заменить мои настройки уведомлений (не указанные категории включены; результаты регистрации и запросы подписи отключить нельзя) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        agreement_signing?: boolean;
                        agreements?: boolean;
                        digest?: boolean;
                        event_approval?: boolean;
                        event_changes?: boolean;
                        event_invitations?: boolean;
                        registration_results?: boolean;
                        registration_updates?: boolean;
                        reminders?: boolean;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            categories: {
                                /** @enum {string} */
                                category: "agreement_signing" | "agreements" | "event_approval" | "event_invitations" | "event_changes" | "registration_results" | "registration_updates" | "reminders" | "digest";
                                enabled: boolean;
                                label: string;
                                mandatory: boolean;
                            }[];
                            preferences: {
                                agreement_signing: boolean;
                                agreements: boolean;
                                digest: boolean;
                                event_approval: boolean;
                                event_changes: boolean;
                                event_invitations: boolean;
                                registration_results: boolean;
                                registration_updates: boolean;
                                reminders: boolean;
                            };
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Журнал рассылки: по статусу, получателю, шаблону, датам (координатор) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    limit?: number;
                    page?: number;
                    recipient?: string;
                    status?: "queued" | "sent" | "failed";
                    template?: "agreement_signature_request" | "agreement_activated" | "agreement_expiring" | "agreement_expired" | "agreement_terminated" | "event_proposed" | "event_approved" | "event_rejected" | "event_invitation" | "event_rescheduled" | "event_updated" | "event_cancelled" | "registration_confirmed" | "registration_waitlisted" | "registration_promoted" | "registration_changed" | "registration_cancelled" | "event_reminder" | "coordinator_digest";
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                attempts: number;
                                /** @enum {string} */
                                category: "agreement_signing" | "agreements" | "event_approval" | "event_invitations" | "event_changes" | "registration_results" | "registration_updates" | "reminders" | "digest";
                                /** Format: date-time */
                                createdAt: string;
                                /** Format: date-time */
                                failedAt?: string;
                                hasCalendar: boolean;
                                id: string;
                                lastError?: string;
                                /** Format: date-time */
                                nextAttemptAt?: string;
                                /** Format: email */
                                recipient: string;
                                /** Format: date-time */
                                sentAt?: string;
                                smtpMessageId?: string;
                                sourceEventId: string;
                                sourceType: string;
                                /** @enum {string} */
                                status: "queued" | "sent" | "failed";
                                subject: string;
                                /** @enum {string} */
                                template: "agreement_signature_request" | "agreement_activated" | "agreement_expiring" | "agreement_expired" | "agreement_terminated" | "event_proposed" | "event_approved" | "event_rejected" | "event_invitation" | "event_rescheduled" | "event_updated" | "event_cancelled" | "registration_confirmed" | "registration_waitlisted" | "registration_promoted" | "registration_changed" | "registration_cancelled" | "event_reminder" | "coordinator_digest";
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/notifications/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Повторить отправку недоставленного письма (координатор) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            attempts: number;
                            /** @enum {string} */
                            category: "agreement_signing" | "agreements" | "event_approval" | "event_invitations" | "event_changes" | "registration_results" | "registration_updates" | "reminders" | "digest";
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            failedAt?: string;
                            hasCalendar: boolean;
                            id: string;
                            lastError?: string;
                            /** Format: date-time */
                            nextAttemptAt?: string;
                            /** Format: email */
                            recipient: string;
                            /** Format: date-time */
                            sentAt?: string;
                            smtpMessageId?: string;
                            sourceEventId: string;
                            sourceType: string;
                            /** @enum {string} */
                            status: "queued" | "sent" | "failed";
                            subject: string;
                            /** @enum {string} */
                            template: "agreement_signature_request" | "agreement_activated" | "agreement_expiring" | "agreement_expired" | "agreement_terminated" | "event_proposed" | "event_approved" | "event_rejected" | "event_invitation" | "event_rescheduled" | "event_updated" | "event_cancelled" | "registration_confirmed" | "registration_waitlisted" | "registration_promoted" | "registration_changed" | "registration_cancelled" | "event_reminder" | "coordinator_digest";
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Организации сети */
        get: {
            parameters: {
                query?: {
                    kind?: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                    limit?: number;
                    page?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                address: string;
                                centre?: {
                                    openedYear: number;
                                    /** @enum {string} */
                                    profile: "digital_humanitarian" | "science_technological";
                                };
                                /** Format: date-time */
                                createdAt: string;
                                fullName: string;
                                head: {
                                    /** Format: email */
                                    email: string;
                                    name: string;
                                    phone?: string;
                                    position?: string;
                                };
                                id: string;
                                /** @enum {string} */
                                kind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                                rooms: {
                                    capacity: number;
                                    key: string;
                                    name: string;
                                }[];
                                settlement: string;
                                shortName: string;
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Зарегистрировать организацию (координатор)
         * @description Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает ту же организацию и ничего не создаёт.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Ключ идемпотентности (1–200 печатных латинских символов): повтор с тем же ключом вернёт первый ответ и ничего не создаст */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address: string;
                        centre?: {
                            openedYear: number;
                            /** @enum {string} */
                            profile: "digital_humanitarian" | "science_technological";
                        };
                        fullName: string;
                        head: {
                            /** Format: email */
                            email: string;
                            name: string;
                            phone?: string;
                            position?: string;
                        };
                        id?: string;
                        /** @enum {string} */
                        kind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                        /** @default [] */
                        rooms?: {
                            capacity: number;
                            key: string;
                            name: string;
                        }[];
                        settlement: string;
                        shortName: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            centre?: {
                                openedYear: number;
                                /** @enum {string} */
                                profile: "digital_humanitarian" | "science_technological";
                            };
                            /** Format: date-time */
                            createdAt: string;
                            fullName: string;
                            head: {
                                /** Format: email */
                                email: string;
                                name: string;
                                phone?: string;
                                position?: string;
                            };
                            id: string;
                            /** @enum {string} */
                            kind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                            rooms: {
                                capacity: number;
                                key: string;
                                name: string;
                            }[];
                            settlement: string;
                            shortName: string;
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/organizations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Организация: реквизиты, руководитель, помещения */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            centre?: {
                                openedYear: number;
                                /** @enum {string} */
                                profile: "digital_humanitarian" | "science_technological";
                            };
                            /** Format: date-time */
                            createdAt: string;
                            fullName: string;
                            head: {
                                /** Format: email */
                                email: string;
                                name: string;
                                phone?: string;
                                position?: string;
                            };
                            id: string;
                            /** @enum {string} */
                            kind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                            rooms: {
                                capacity: number;
                                key: string;
                                name: string;
                            }[];
                            settlement: string;
                            shortName: string;
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Изменить организацию (координатор) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        address?: string;
                        centre?: {
                            openedYear: number;
                            /** @enum {string} */
                            profile: "digital_humanitarian" | "science_technological";
                        };
                        fullName?: string;
                        head?: {
                            /** Format: email */
                            email: string;
                            name: string;
                            phone?: string;
                            position?: string;
                        };
                        /** @enum {string} */
                        kind?: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                        rooms?: {
                            capacity: number;
                            key: string;
                            name: string;
                        }[];
                        settlement?: string;
                        shortName?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            address: string;
                            centre?: {
                                openedYear: number;
                                /** @enum {string} */
                                profile: "digital_humanitarian" | "science_technological";
                            };
                            /** Format: date-time */
                            createdAt: string;
                            fullName: string;
                            head: {
                                /** Format: email */
                                email: string;
                                name: string;
                                phone?: string;
                                position?: string;
                            };
                            id: string;
                            /** @enum {string} */
                            kind: "growth_point_centre" | "school" | "kindergarten" | "methodical_service" | "authority" | "partner";
                            rooms: {
                                capacity: number;
                                key: string;
                                name: string;
                            }[];
                            settlement: string;
                            shortName: string;
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** План-график сетевых мероприятий на учебный год по месяцам (фильтры: организация, направление, формат) */
        get: {
            parameters: {
                query: {
                    direction?: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                    kind?: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                    org?: string;
                    schoolYear: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date */
                            from: string;
                            months: {
                                events: {
                                    agreementId?: string;
                                    approvalComment?: string;
                                    atRiskReason?: string;
                                    audience: ("pupils" | "preschoolers" | "teachers" | "parents" | "pensioners")[];
                                    cancellationReason?: string;
                                    /** Format: date-time */
                                    cancelledAt?: string;
                                    capacity?: {
                                        groups?: number;
                                        seats?: number;
                                    };
                                    contact: {
                                        /** Format: email */
                                        email?: string;
                                        name: string;
                                        phone?: string;
                                    };
                                    /** Format: date-time */
                                    createdAt: string;
                                    description: string;
                                    /** @enum {string} */
                                    direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                    /** Format: date-time */
                                    end: string;
                                    festivalId?: string;
                                    grades?: string;
                                    host: {
                                        organizationId: string;
                                        organizationName: string;
                                    };
                                    id: string;
                                    /** @enum {string} */
                                    kind: "master_class" | "open_lesson" | "extracurricular_class" | "tournament" | "digital_lab" | "excursion" | "exhibition" | "seminar" | "workshop" | "festival_opening" | "festival_closing" | "other";
                                    partners: {
                                        organizationId: string;
                                        organizationName: string;
                                    }[];
                                    proposedBy: {
                                        organizationId: string;
                                        userId: string;
                                    };
                                    /** Format: date-time */
                                    registrationDeadline?: string;
                                    rejectionReason?: string;
                                    report?: {
                                        notes?: string;
                                        participants: number;
                                    };
                                    sequence: number;
                                    /** Format: date-time */
                                    start: string;
                                    /** @enum {string} */
                                    status: "proposed" | "approved" | "at_risk" | "rejected" | "cancelled" | "held";
                                    title: string;
                                    /** Format: date-time */
                                    updatedAt: string;
                                    venue: {
                                        address: string;
                                        roomCapacity: number;
                                        roomKey: string;
                                        roomName: string;
                                    };
                                    version: number;
                                }[];
                                label: string;
                                month: string;
                            }[];
                            schoolYear: string;
                            /** Format: date */
                            to: string;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** План-график учебного года файлом: XLSX или PDF с блоком «УТВЕРЖДАЮ» (фильтры: организация, направление) */
        get: {
            parameters: {
                query: {
                    direction?: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                    format?: "xlsx" | "pdf";
                    org?: string;
                    schoolYear: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        /** @description attachment; filename*=UTF-8''… — русское имя файла (RFC 6266) */
                        "Content-Disposition"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/plan/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Загрузить план-график из XLSX в формате выгрузки (координатор): dryRun=true — проверка построчно без записи; approvedOnPaper=true — как утверждённый на бумаге */
        post: {
            parameters: {
                query: {
                    approvedOnPaper?: "true" | "false";
                    dryRun?: "true" | "false";
                    schoolYear: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            approvedOnPaper: boolean;
                            created: number;
                            dryRun: boolean;
                            existing: number;
                            ok: boolean;
                            rows: {
                                eventId?: string;
                                problems: string[];
                                row: number;
                                /** @enum {string} */
                                status: "ok" | "error" | "created" | "existing";
                                title: string;
                            }[];
                            schoolYear: string;
                            summary: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Записи моей организации (координатор — любой, через organizationId) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    organizationId?: string;
                    page?: number;
                    status?: "confirmed" | "waitlisted" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                adults: {
                                    name: string;
                                    phone: string;
                                }[];
                                ageBand?: string;
                                /** Format: date-time */
                                anonymizedAt?: string;
                                attendance?: {
                                    actualChildren: number;
                                    attended: boolean;
                                    /** Format: date-time */
                                    recordedAt: string;
                                };
                                cancellationReason?: string;
                                children: number;
                                /** Format: email */
                                contactEmail: string;
                                /** Format: date-time */
                                createdAt: string;
                                createdBy: {
                                    organizationId: string;
                                    userId: string;
                                };
                                event: {
                                    address: string;
                                    /** Format: date-time */
                                    end: string;
                                    hostId: string;
                                    hostName: string;
                                    id: string;
                                    sequence: number;
                                    /** Format: date-time */
                                    start: string;
                                    title: string;
                                    venueName: string;
                                };
                                eventId: string;
                                groupName: string;
                                id: string;
                                notes?: string;
                                organizationId: string;
                                organizationName: string;
                                /** @enum {string} */
                                status: "confirmed" | "waitlisted" | "cancelled";
                                /** Format: date-time */
                                updatedAt: string;
                                version: number;
                                waitlistPosition?: number;
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registrations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Запись группы на мероприятие */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adults: {
                                name: string;
                                phone: string;
                            }[];
                            ageBand?: string;
                            /** Format: date-time */
                            anonymizedAt?: string;
                            attendance?: {
                                actualChildren: number;
                                attended: boolean;
                                /** Format: date-time */
                                recordedAt: string;
                            };
                            cancellationReason?: string;
                            children: number;
                            /** Format: email */
                            contactEmail: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            event: {
                                address: string;
                                /** Format: date-time */
                                end: string;
                                hostId: string;
                                hostName: string;
                                id: string;
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                title: string;
                                venueName: string;
                            };
                            eventId: string;
                            groupName: string;
                            id: string;
                            notes?: string;
                            organizationId: string;
                            organizationName: string;
                            /** @enum {string} */
                            status: "confirmed" | "waitlisted" | "cancelled";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                            waitlistPosition?: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Изменить число детей, сопровождающих, контакты, примечания
         * @description Подтверждённую группу можно увеличить только на свободные места (иначе 409 с числом свободных мест); уменьшить — всегда.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        adults?: {
                            name: string;
                            phone: string;
                        }[];
                        ageBand?: string;
                        children?: number;
                        /** Format: email */
                        contactEmail?: string;
                        notes?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adults: {
                                name: string;
                                phone: string;
                            }[];
                            ageBand?: string;
                            /** Format: date-time */
                            anonymizedAt?: string;
                            attendance?: {
                                actualChildren: number;
                                attended: boolean;
                                /** Format: date-time */
                                recordedAt: string;
                            };
                            cancellationReason?: string;
                            children: number;
                            /** Format: email */
                            contactEmail: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            event: {
                                address: string;
                                /** Format: date-time */
                                end: string;
                                hostId: string;
                                hostName: string;
                                id: string;
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                title: string;
                                venueName: string;
                            };
                            eventId: string;
                            groupName: string;
                            id: string;
                            notes?: string;
                            organizationId: string;
                            organizationName: string;
                            /** @enum {string} */
                            status: "confirmed" | "waitlisted" | "cancelled";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                            waitlistPosition?: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/api/registrations/{id}/anonymize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Обезличить запись после мероприятия: удалить ФИО и телефоны сопровождающих, e-mail и примечания (координатор)
         * @description Число детей, статус и посещаемость остаются. Удаляются и прежние версии записи; никому не отправляется письмо. Повтор отвечает тем же.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adults: {
                                name: string;
                                phone: string;
                            }[];
                            ageBand?: string;
                            /** Format: date-time */
                            anonymizedAt?: string;
                            attendance?: {
                                actualChildren: number;
                                attended: boolean;
                                /** Format: date-time */
                                recordedAt: string;
                            };
                            cancellationReason?: string;
                            children: number;
                            /** Format: email */
                            contactEmail: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            event: {
                                address: string;
                                /** Format: date-time */
                                end: string;
                                hostId: string;
                                hostName: string;
                                id: string;
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                title: string;
                                venueName: string;
                            };
                            eventId: string;
                            groupName: string;
                            id: string;
                            notes?: string;
                            organizationId: string;
                            organizationName: string;
                            /** @enum {string} */
                            status: "confirmed" | "waitlisted" | "cancelled";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                            waitlistPosition?: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/registrations/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Отменить запись; освободившиеся места сразу получает лист ожидания */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            adults: {
                                name: string;
                                phone: string;
                            }[];
                            ageBand?: string;
                            /** Format: date-time */
                            anonymizedAt?: string;
                            attendance?: {
                                actualChildren: number;
                                attended: boolean;
                                /** Format: date-time */
                                recordedAt: string;
                            };
                            cancellationReason?: string;
                            children: number;
                            /** Format: email */
                            contactEmail: string;
                            /** Format: date-time */
                            createdAt: string;
                            createdBy: {
                                organizationId: string;
                                userId: string;
                            };
                            event: {
                                address: string;
                                /** Format: date-time */
                                end: string;
                                hostId: string;
                                hostName: string;
                                id: string;
                                sequence: number;
                                /** Format: date-time */
                                start: string;
                                title: string;
                                venueName: string;
                            };
                            eventId: string;
                            groupName: string;
                            id: string;
                            notes?: string;
                            organizationId: string;
                            organizationName: string;
                            /** @enum {string} */
                            status: "confirmed" | "waitlisted" | "cancelled";
                            /** Format: date-time */
                            updatedAt: string;
                            version: number;
                            waitlistPosition?: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/festivals/{id}/letters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Благодарственные письма участникам фестиваля: PDF, страница на организацию (координатор) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        /** @description attachment; filename*=UTF-8''… — русское имя файла (RFC 6266) */
                        "Content-Disposition"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/festivals/{id}/programme": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Программа фестиваля по дням и площадкам (PDF или XLSX) */
        get: {
            parameters: {
                query?: {
                    format?: "xlsx" | "pdf";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        /** @description attachment; filename*=UTF-8''… — русское имя файла (RFC 6266) */
                        "Content-Disposition"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": string;
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/monitoring": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Мониторинг за учебный год или период: по центрам, месяцам, направлениям; соглашения и их использование (координатор — район, руководитель центра — свой центр) */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    org?: string;
                    schoolYear?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agreements: {
                                eventsHeld: number;
                                id: string;
                                number: string;
                                parties: string[];
                                title: string;
                                unused: boolean;
                                /** Format: date */
                                validFrom: string;
                                /** Format: date */
                                validTo: string;
                            }[];
                            byCentre: {
                                figures: {
                                    byKind: {
                                        [key: string]: number;
                                    };
                                    childrenAttended: number;
                                    childrenRegistered: number;
                                    eventsHeld: number;
                                    groupsAttended: number;
                                    groupsRegistered: number;
                                    networkEvents: number;
                                    participantsReported: number;
                                    partnersInvolved: number;
                                };
                                name: string;
                                organizationId: string;
                            }[];
                            byDirection: {
                                /** @enum {string} */
                                direction: "robotics" | "chess" | "lego" | "3d_modelling" | "vr_ar" | "programming" | "geoinformatics" | "industrial_design" | "multimedia" | "quadcopters" | "natural_science" | "health" | "theatre" | "life_safety" | "traffic_safety" | "career_guidance" | "digital_literacy" | "photo_video" | "woodwork" | "project_work";
                                figures: {
                                    byKind: {
                                        [key: string]: number;
                                    };
                                    childrenAttended: number;
                                    childrenRegistered: number;
                                    eventsHeld: number;
                                    groupsAttended: number;
                                    groupsRegistered: number;
                                    networkEvents: number;
                                    participantsReported: number;
                                    partnersInvolved: number;
                                };
                                label: string;
                            }[];
                            byMonth: {
                                figures: {
                                    byKind: {
                                        [key: string]: number;
                                    };
                                    childrenAttended: number;
                                    childrenRegistered: number;
                                    eventsHeld: number;
                                    groupsAttended: number;
                                    groupsRegistered: number;
                                    networkEvents: number;
                                    participantsReported: number;
                                    partnersInvolved: number;
                                };
                                label: string;
                                month: string;
                            }[];
                            /** Format: date */
                            from: string;
                            note: string;
                            organization?: {
                                id: string;
                                name: string;
                            };
                            schoolYear?: string;
                            /** Format: date */
                            to: string;
                            total: {
                                byKind: {
                                    [key: string]: number;
                                };
                                childrenAttended: number;
                                childrenRegistered: number;
                                eventsHeld: number;
                                groupsAttended: number;
                                groupsRegistered: number;
                                networkEvents: number;
                                participantsReported: number;
                                partnersInvolved: number;
                            };
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/monitoring/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Мониторинг файлом XLSX: лист на каждый разрез */
        get: {
            parameters: {
                query?: {
                    from?: string;
                    org?: string;
                    schoolYear?: string;
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        /** @description attachment; filename*=UTF-8''… — русское имя файла (RFC 6266) */
                        "Content-Disposition"?: string;
                        [name: string]: unknown;
                    };
                    content: {
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/rollover": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Начать новый учебный год: черновики продлённых соглашений и предложения мероприятий (координатор; повторный запуск ничего не дублирует) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from: string;
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agreements: {
                                /** @enum {string} */
                                action: "create" | "exists";
                                number: string;
                                previousId: string;
                                previousNumber: string;
                                renewedId?: string;
                                status?: string;
                                /** Format: date */
                                validFrom: string;
                                /** Format: date */
                                validTo: string;
                            }[];
                            events: {
                                /** @enum {string} */
                                action: "create" | "exists" | "waits" | "past";
                                end: string;
                                eventId?: string;
                                hostName: string;
                                reason?: string;
                                sourceId: string;
                                start: string;
                                title: string;
                            }[];
                            from: string;
                            summary: string;
                            to: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/rollover/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Что создаст переход на новый учебный год: продление соглашений, перенос плана (координатор) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        from: string;
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agreements: {
                                /** @enum {string} */
                                action: "create" | "exists";
                                number: string;
                                previousId: string;
                                previousNumber: string;
                                renewedId?: string;
                                status?: string;
                                /** Format: date */
                                validFrom: string;
                                /** Format: date */
                                validTo: string;
                            }[];
                            events: {
                                /** @enum {string} */
                                action: "create" | "exists" | "waits" | "past";
                                end: string;
                                eventId?: string;
                                hostName: string;
                                reason?: string;
                                sourceId: string;
                                start: string;
                                title: string;
                            }[];
                            from: string;
                            summary: string;
                            to: string;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Учётные записи (координатор) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    organizationId?: string;
                    page?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                active: boolean;
                                /** Format: email */
                                email: string;
                                id: string;
                                name: string;
                                organizationId: string;
                                /** @enum {string} */
                                role: "coordinator" | "centre_head" | "kindergarten" | "staff";
                                version: number;
                            }[];
                            limit: number;
                            page: number;
                            total: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        put?: never;
        /**
         * Создать учётную запись (координатор)
         * @description Заголовок Idempotency-Key: повтор запроса с тем же ключом возвращает ту же учётную запись и ничего не создаёт.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Ключ идемпотентности (1–200 печатных латинских символов): повтор с тем же ключом вернёт первый ответ и ничего не создаст */
                    "Idempotency-Key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        organizationId: string;
                        password: string;
                        /** @enum {string} */
                        role: "coordinator" | "centre_head" | "kindergarten" | "staff";
                    };
                };
            };
            responses: {
                /** @description Успешно */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: email */
                            email: string;
                            id: string;
                            name: string;
                            organizationId: string;
                            /** @enum {string} */
                            role: "coordinator" | "centre_head" | "kindergarten" | "staff";
                            version: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Изменить учётную запись: роль, организацию, отключить или включить (координатор)
         * @description Отключённая учётная запись не входит в систему, её токены перестают действовать, письма ей не отправляются. Роль должна подходить виду организации. Свою учётную запись и последнюю действующую учётную запись координатора изменить нельзя (409). Изменение публикуется событием user.updated; запрос без изменений возвращает учётную запись как есть.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        active?: boolean;
                        organizationId?: string;
                        /** @enum {string} */
                        role?: "coordinator" | "centre_head" | "kindergarten" | "staff";
                    };
                };
            };
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            active: boolean;
                            /** Format: email */
                            email: string;
                            id: string;
                            name: string;
                            organizationId: string;
                            /** @enum {string} */
                            role: "coordinator" | "centre_head" | "kindergarten" | "staff";
                            version: number;
                        };
                    };
                };
                400: components["responses"]["Problem"];
                401: components["responses"]["Problem"];
                403: components["responses"]["Problem"];
            };
        };
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Состояние системы: сервисы, MongoDB, NATS, SMTP (то же, что /health/ready) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: "up" | "down";
                            };
                            degraded: string[];
                            detail: string;
                            down: string[];
                            services: {
                                [key: string]: "up" | "degraded" | "down";
                            };
                            /** @enum {string} */
                            status: "up" | "degraded" | "down";
                        };
                    };
                };
                400: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Процесс шлюза жив (для оркестратора; не зависит от других сервисов) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            detail: string;
                            /** @constant */
                            status: "up";
                        };
                    };
                };
                400: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Шлюз готов принимать запросы: сервисы, MongoDB, NATS, SMTP */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                [key: string]: "up" | "down";
                            };
                            degraded: string[];
                            detail: string;
                            down: string[];
                            services: {
                                [key: string]: "up" | "degraded" | "down";
                            };
                            /** @enum {string} */
                            status: "up" | "degraded" | "down";
                        };
                    };
                };
                400: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ical/{token}.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** iCal-календарь по секретному адресу подписки (без входа); ETag/Last-Modified, ответ 304 на условный запрос */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Успешно */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/calendar": string;
                    };
                };
                400: components["responses"]["Problem"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Документ об ошибке (RFC 9457); сообщения на русском */
        Problem: {
            code: string;
            detail: string;
            errors?: {
                message?: string;
                path?: string;
            }[];
            status: number;
            title: string;
            type: string;
        };
    };
    responses: {
        /** @description Ошибка */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
